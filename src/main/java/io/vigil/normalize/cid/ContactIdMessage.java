package io.vigil.normalize.cid;

/**
 * One Contact ID report as received: account, optional message type (18/98, absent in the ADM-CID
 * forms), qualifier digit, three-character event code, group (partition) and zone-or-user, the named
 * text form it came in (docs/events.md) and, for forms that carry one, how its checksum compared.
 */
public record ContactIdMessage(String account, String messageType, char qualifier, String code, String group,
                               String zoneOrUser, String form, Checksum checksum) {

    /** A checksum the form carried: its kind ({@code dc05}, {@code fletcher}) and how it compared. */
    public record Checksum(String kind, Status status) {
        public enum Status { MATCH, MISMATCH, UNVERIFIED }
    }
}
