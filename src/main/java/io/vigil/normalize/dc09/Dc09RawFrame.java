package io.vigil.normalize.dc09;

/**
 * A DC-09 frame whose CRC was checked and whose header was read, with its data part still raw: from the
 * first {@code [} to the end of the message. For a clear frame that is
 * {@code [data][x-data]...[_timestamp]} ({@link Dc09DataPartParser} reads it); for an encrypted frame it is
 * {@code [} followed by the hex ciphertext, which a decryption step turns into the clear data part.
 * {@code lengthMatches} is false when the length field disagreed although the CRC matched (a flag, not an
 * error: docs/events.md).
 */
public record Dc09RawFrame(Dc09Header header, String dataPart, Dc09CrcForm crcForm, boolean lengthMatches) {}
