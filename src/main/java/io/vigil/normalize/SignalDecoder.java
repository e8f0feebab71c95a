package io.vigil.normalize;

/**
 * Decodes one signal format. Implementations are stateless or thread-safe, and return
 * {@link DecodeResult.Failed} for every malformed input instead of throwing.
 */
public interface SignalDecoder {
    DecodeResult decode(SignalContext ctx, MediaType mediaType, byte[] body);
}
