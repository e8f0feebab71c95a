package io.vigil.gateway.journal;

import java.io.IOException;

/** The file does not begin with the journal's magic: the gateway refuses to touch it. */
public final class NotAJournalException extends IOException {
    NotAJournalException(String message) {
        super(message);
    }
}
