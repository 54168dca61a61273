package io.github.alationgateway.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Jetty answers some requests itself, before any filter or controller: a request line or headers too long, a
 * request it cannot parse. Its own page is HTML (or JSON of its own shape, by the Accept header); this one
 * answers problem+json like the rest of the gateway, whatever the client accepts.
 */
class ProblemErrorHandler extends ErrorHandler {

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        HttpStatus known = HttpStatus.resolve(code);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code + ",\"detail\":\""
                + detail(code, message) + "\"}";
        // Spring Security's header writer never saw this request: set what it would have.
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Jetty's own message is not echoed: some quote what the client sent. */
    private static String detail(int code, String message) {
        return switch (code) {
            case 400 ->
                message != null && message.startsWith("Ambiguous")
                        ? "The request was rejected: its address holds an ambiguous encoding (such as %2e%2e, %2f or"
                                + " an empty segment)"
                        : "The request was rejected as malformed";
            case 414 -> "The address is too long (8 KiB at most)";
            case 431 -> "The request's headers are too long (8 KiB at most)";
            default -> code >= 500 ? "The gateway failed to answer; see its log" : "The web server refused the request";
        };
    }
}
