package io.vigil.audit;

import io.vigil.db.PostgresText;

/**
 * What PostgreSQL's {@code text} can hold verbatim. It cannot store NUL, and Java's UTF-8 encoder
 * turns an unpaired surrogate into {@code ?}: either would make a stored value differ from the one
 * given (or fail the whole batch it travels in), so such text is refused before it is queued.
 */
final class AuditText {

    private AuditText() {}

    static String requireStorable(String field, String text) {
        PostgresText.problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(field + " " + problem.describe() + (problem.nul()
                    ? ", which PostgreSQL text cannot store; put such data into details (JSON escapes it)" : ""));
        });
        return text;
    }
}
