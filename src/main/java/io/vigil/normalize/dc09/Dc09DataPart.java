package io.vigil.normalize.dc09;

import java.time.Instant;
import java.util.Map;

/**
 * The clear data part of a DC-09 frame: the content of the first brackets (SIA DCS block, Contact ID
 * or empty), extended data blocks by type letter, and the optional timestamp.
 */
public record Dc09DataPart(String data, Map<String, String> extended, Instant timestamp) {}
