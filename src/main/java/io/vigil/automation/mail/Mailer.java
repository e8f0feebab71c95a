package io.vigil.automation.mail;

import java.util.List;

/** Sends plain-text mail; {@link SmtpMailer} is the real one. */
public interface Mailer {

    /** What a send did. */
    sealed interface Sent {
        record Delivered(List<String> recipients) implements Sent {}

        /** The server refused or could not be reached; {@code kind} is the error's class, never the server's text. */
        record Failed(String kind) implements Sent {}
    }

    /** No SMTP server configured. */
    boolean available();

    Sent send(List<String> to, String subject, String body);
}
