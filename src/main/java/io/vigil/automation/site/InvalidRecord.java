package io.vigil.automation.site;

/** A record field the rules refuse; {@code field} names it (a CSV column or a JSON field). */
public final class InvalidRecord extends IllegalArgumentException {

    private final String field;

    public InvalidRecord(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
