package io.vigil.normalize;

/** The outcome of normalising one signal: {@link Decoded} events or an {@link Undecodable} reason. */
public sealed interface NormalizeResult permits Decoded, Undecodable {}
