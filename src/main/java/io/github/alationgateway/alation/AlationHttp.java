package io.github.alationgateway.alation;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.util.unit.DataSize;

/**
 * The wire to one Alation instance: one pooled Apache HttpClient 5 (classic, blocking) per instance, reused by
 * every call, so that connections are pooled per instance and one slow instance cannot hold the connections of
 * another.
 *
 * <p>Apache's classic client rather than the JDK's {@code HttpClient}: measured with bench/clients.sh, it spends
 * about half the CPU a call (bench/RESULTS.md), and a poll is mostly this call. It is used directly rather than
 * through {@code RestClient}: every way of failing must become a plain reason an operator can read, which is
 * simplest with the client's own exception types. It speaks HTTP/1.1, which is all Alation's small JSON answers
 * need.
 */
final class AlationHttp {

    private static final String USER_AGENT = "alation-job-gateway";

    /**
     * A pooled connection the server closed while idle fails the next request before any answer: that GET is
     * sent once more on a fresh connection. Nothing else is retried here; faults are the poller's to judge.
     */
    private static final HttpRequestRetryStrategy STALE_CONNECTION_ONCE = new HttpRequestRetryStrategy() {
        @Override
        public boolean retryRequest(HttpRequest request, IOException failure, int execCount, HttpContext context) {
            return execCount <= 1
                    && failure instanceof NoHttpResponseException
                    && Method.isIdempotent(request.getMethod());
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    };

    private final CloseableHttpClient client;
    private final Duration timeout;
    private final String noAnswer;
    private final CappedBody body;

    AlationHttp(Duration timeout, DataSize maxAnswerSize, int maxConnections) {
        this.timeout = timeout;
        this.body = new CappedBody(maxAnswerSize);
        this.noAnswer = "no answer within " + Durations.text(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // One more than the instance's request slots: a call renewing its token mid-call
                        // never waits for a connection of its own making.
                        .setMaxConnTotal(maxConnections + 1)
                        .setMaxConnPerRoute(maxConnections + 1)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout))
                                // A connection idle for a second is checked before reuse: cheaper than a failed poll.
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        // The JVM's trust store and its javax.net.ssl settings, as the JDK client used.
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .build())
                .setRetryStrategy(STALE_CONNECTION_ONCE)
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                // Alation's status answers are small; decompressing would cost CPU on every poll.
                .disableContentCompression()
                .build();
    }

    /**
     * When one status call must be over, in {@link System#nanoTime()} terms: a token renewal and a retry after a
     * 401 share the one request timeout, so that a call blocks its thread for about the timeout at most.
     */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** A GET carrying Alation's {@code TOKEN} header. */
    AlationAnswer get(URI uri, String token, long deadline) {
        HttpGet get = new HttpGet(uri);
        get.addHeader("TOKEN", token);
        return send(get, deadline);
    }

    /** A POST of {@code body} (token calls, which carry their credentials in the body). */
    AlationAnswer post(URI uri, String contentType, byte[] body, long deadline) {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        return send(post, deadline);
    }

    /**
     * Sends and reads the answer, giving up at {@code deadline}, or throws an {@link AnswerException} holding an
     * {@code Unavailable} with a reason that names what went wrong and never includes a header (the token travels
     * in one). The deadline bounds the wait for a pooled connection and each wait for the answer's bytes.
     */
    private AlationAnswer send(HttpUriRequestBase request, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw AnswerException.unavailable(noAnswer);
        }
        Timeout left = Timeout.of(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)), TimeUnit.MILLISECONDS);
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(left)
                .setResponseTimeout(left)
                .build());
        request.addHeader("Accept", "application/json");
        try (ClassicHttpResponse response = client.executeOpen(RoutingSupport.determineHost(request), request, null)) {
            byte[] bytes;
            try {
                bytes = body.read(response.getEntity());
            } catch (CappedBody.TooLarge tooLarge) {
                // Drop the connection rather than drain the rest of an answer nobody will read.
                request.cancel();
                throw new AnswerException(new JobStatusAnswer.Unreadable(tooLarge.getMessage()));
            }
            return new AlationAnswer(response.getCode(), bytes, headers(response));
        } catch (IOException | HttpException | RuntimeException e) {
            if (e instanceof AnswerException answer) throw answer;
            throw AnswerException.unavailable(reason(e));
        }
    }

    private static Map<String, String> headers(ClassicHttpResponse response) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
        }
        return headers;
    }

    private String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectTimeoutException) {
                return "no connection within " + Durations.text(timeout);
            }
            if (cause instanceof SocketTimeoutException || cause instanceof ConnectionRequestTimeoutException) {
                return noAnswer;
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "host not found";
            }
            if (cause instanceof SSLException) {
                return "TLS handshake failed";
            }
            if (cause instanceof NoHttpResponseException
                    || cause instanceof ConnectionClosedException
                    || cause instanceof EOFException
                    || cause instanceof SocketException) {
                return "connection closed without an answer";
            }
        }
        if (failure instanceof HttpException) {
            return "answer is not valid HTTP (" + failure.getClass().getSimpleName() + ")";
        }
        if (failure instanceof IOException) {
            return "connection failed (" + failure.getClass().getSimpleName() + ")";
        }
        return "call failed ("
                + (failure == null ? "unknown error" : failure.getClass().getSimpleName()) + ")";
    }
}
