package io.vigil.dc09;

import java.util.concurrent.CompletionStage;

/**
 * Where a listener hands each frame: completes with the answer to send (null: none) once whatever
 * the frame needs stored is durable; completes exceptionally when it could not be stored (no answer).
 */
@FunctionalInterface
public interface Dc09Sink {
    CompletionStage<byte[]> handle(byte[] frame, String transport, String address);
}
