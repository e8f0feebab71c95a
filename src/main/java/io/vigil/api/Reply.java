package io.vigil.api;

import java.io.OutputStream;

/** What a route handler answers; {@link ApiHandler} writes it. Errors are thrown as {@link ApiException}. */
public sealed interface Reply {

    /** A JSON document (Jackson serialises {@code body}). */
    record Json(int status, Object body) implements Reply {}

    /** Fixed bytes, e.g. the OpenAPI document. */
    record Bytes(String contentType, byte[] body) implements Reply {}

    /**
     * A 200 whose body is written as it is produced (audit exports). If the writer fails before its
     * first byte went out the client gets a problem answer; after that the connection is cut, so a
     * failed export never looks complete.
     */
    record Streamed(String contentType, BodyWriter writer) implements Reply {}

    /** The live incident stream (Server-Sent Events), resuming after {@code lastEventId} if it can. */
    record EventStream(String lastEventId) implements Reply {}

    static Reply ok(Object body) {
        return new Json(200, body);
    }

    static Reply created(Object body) {
        return new Json(201, body);
    }

    @FunctionalInterface
    interface BodyWriter {
        void write(OutputStream out) throws Exception;
    }
}
