package io.github.alationgateway.alation;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.springframework.util.unit.DataSize;

/**
 * The wire to one Alation instance: one JDK {@link HttpClient} per instance, reused by every call, so that
 * connections are pooled per instance and one slow instance cannot hold the connections of another.
 *
 * <p>The JDK client is used directly rather than through {@code RestClient}: every way of failing must become a
 * plain reason an operator can read, which is simplest with the client's own exception types, and the poll path
 * stays free of message converters and interceptors it does not need.
 */
final class AlationHttp {

    private static final String USER_AGENT = "alation-job-gateway";

    private final HttpClient client;
    private final Duration timeout;
    private final String noAnswer;
    private final HttpResponse.BodyHandler<byte[]> body;

    AlationHttp(URI baseUrl, Duration timeout, DataSize maxAnswerSize) {
        this.timeout = timeout;
        this.body = CappedBody.handler(maxAnswerSize);
        this.noAnswer = "no answer within " + Durations.text(timeout);
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // Plain http would try an h2c upgrade on every new connection; proxies in front of Alation often
                // mishandle it. https negotiates HTTP/2 through ALPN where the server offers it.
                .version(
                        "https".equalsIgnoreCase(baseUrl.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "application/json").header("User-Agent", USER_AGENT);
    }

    /**
     * When one status call must be over, in {@link System#nanoTime()} terms: a token renewal and a retry after a
     * 401 share the one request timeout, so that a call blocks its thread for about the timeout at most.
     */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Sends and reads the answer, giving up at {@code deadline}, or throws an {@link AnswerException} holding an
     * {@code Unavailable} with a reason that names what went wrong and never includes a header (the token travels
     * in one).
     *
     * <p>Blocking {@code send}, not {@code sendAsync().get(timeout)}: the latter hands every answer from the
     * client's selector thread to its executor and on to the caller, which measured about three times slower under
     * load. The price: the JDK's request timeout ends the wait for the answer's headers, not for a body that
     * trickles in after them (Alation's status answers are small and come whole).
     */
    HttpResponse<byte[]> send(HttpRequest.Builder request, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw AnswerException.unavailable(noAnswer);
        }
        try {
            return client.send(request.timeout(Duration.ofNanos(remaining)).build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AnswerException.unavailable("interrupted while waiting for Alation");
        } catch (IOException | RuntimeException e) {
            CappedBody.TooLarge tooLarge = tooLarge(e);
            if (tooLarge != null) {
                throw new AnswerException(new JobStatusAnswer.Unreadable(tooLarge.getMessage()));
            }
            throw AnswerException.unavailable(reason(e));
        }
    }

    private static CappedBody.TooLarge tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CappedBody.TooLarge tooLarge) return tooLarge;
        }
        return null;
    }

    private String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return "no connection within " + Durations.text(timeout);
            }
            if (cause instanceof HttpTimeoutException) {
                return noAnswer;
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return "host not found";
            }
            if (cause instanceof SSLException) {
                return "TLS handshake failed";
            }
            if (cause instanceof EOFException
                    || (cause instanceof IOException
                            && cause.getMessage() != null
                            && cause.getMessage().contains("received no bytes"))) {
                return "connection closed without an answer";
            }
        }
        if (failure instanceof IOException) {
            return "connection failed (" + failure.getClass().getSimpleName() + ")";
        }
        return "call failed ("
                + (failure == null ? "unknown error" : failure.getClass().getSimpleName()) + ")";
    }
}
