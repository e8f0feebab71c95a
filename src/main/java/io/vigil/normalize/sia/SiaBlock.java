package io.vigil.normalize.sia;

import java.util.List;

/**
 * A parsed SIA DCS data block: optional account, the named form of its account part ({@code standard},
 * {@code bare-account}, {@code empty-account}, {@code plain}), whether it had more than one DC-03 block
 * ({@code |A} text, a further {@code |N}), whether its data block lacked the function letter, and its
 * events in order.
 */
public record SiaBlock(String account, String form, boolean sia3Fields, boolean functionMissing,
                       List<SiaEventToken> events) {

    /**
     * One event code with the address that follows it, the modifiers in force (ri/pi area, id user),
     * its text and whether it came in an old-event ({@code O}) block.
     */
    public record SiaEventToken(String code, String address, String area, String user, String text, boolean old) {

        SiaEventToken withText(String value) {
            return new SiaEventToken(code, address, area, user, value, old);
        }
    }
}
