package io.vigil.normalize.dc09;

import java.time.Instant;
import java.util.Map;

/** A checked, clear SIA DC-09 frame: its header, how its CRC and length were found, and its parsed data part. */
public record Dc09Frame(Dc09Header header, Dc09CrcForm crcForm, boolean lengthMatches, Dc09DataPart dataPart) {

    public String protocol() { return header.protocol(); }
    public String sequence() { return header.sequence(); }
    public String receiver() { return header.receiver(); }
    public String prefix() { return header.prefix(); }
    public String account() { return header.account(); }
    public String data() { return dataPart.data(); }
    public Map<String, String> extended() { return dataPart.extended(); }
    public Instant timestamp() { return dataPart.timestamp(); }
}
