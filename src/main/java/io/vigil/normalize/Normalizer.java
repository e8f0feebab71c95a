package io.vigil.normalize;

/** Turns the body of a verified envelope into canonical events, or says why it cannot. Never throws for bad input. */
public interface Normalizer {
    NormalizeResult normalize(SignalContext ctx, String contentType, byte[] body);
}
