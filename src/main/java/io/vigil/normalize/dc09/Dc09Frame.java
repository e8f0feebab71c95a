package io.vigil.normalize.dc09;

import java.time.Instant;
import java.util.Map;

/**
 * A checked SIA DC-09 frame: protocol id (SIA-DCS, ADM-CID, NULL), sequence, optional receiver,
 * line prefix, optional account, the data between the first brackets, extended data blocks by
 * their type letter, and the optional timestamp.
 */
public record Dc09Frame(String protocol, String sequence, String receiver, String prefix, String account,
                        String data, Map<String, String> extended, Instant timestamp) {}
