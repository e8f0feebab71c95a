package io.vigil.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches {@link ApiHandler} (malformed HTTP, an
 * ambiguous URI, headers too large): problem+json too, without Jetty's message (it may quote the
 * request) and without a stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private final ObjectMapper json = ApiJson.mapper();

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private byte[] body(int status) {
        return ApiHandler.problemBody(json, Problem.ofStatus(status, "the HTTP request was refused before routing"), null);
    }
}
