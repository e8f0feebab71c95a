package io.vigil.normalize.sia;

import java.util.List;

/** A parsed SIA DCS data block: optional account, function (N new / O old) and its events in order. */
public record SiaBlock(String account, char function, List<SiaEventToken> events) {

    /** One event code with the address that follows it and the modifiers in force (ri area, id user). */
    public record SiaEventToken(String code, String address, String area, String user, String text) {}
}
