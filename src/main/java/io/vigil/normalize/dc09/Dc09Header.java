package io.vigil.normalize.dc09;

/**
 * The clear header of a SIA DC-09 frame (everything before the data part): protocol id without the
 * encryption mark, whether the id carried the {@code *} encryption mark, sequence, optional receiver,
 * line prefix (empty for {@code L#...}, null when the frame has no {@code L} field) and optional account.
 */
public record Dc09Header(String protocol, boolean encrypted, String sequence, String receiver, String prefix,
                         String account) {

    /** The named form of the line prefix: {@code hex}, {@code empty} or {@code absent}. */
    public String prefixForm() {
        if (prefix == null) {
            return "absent";
        }
        return prefix.isEmpty() ? "empty" : "hex";
    }
}
