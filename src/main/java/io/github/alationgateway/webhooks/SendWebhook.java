package io.github.alationgateway.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One attempt of one delivery, as Standard Webhooks describes it: a POST of the event with {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature}. Redirects are not followed (a receiver that moved
 * must be reconfigured, not followed anywhere), and at most 64 KiB of an answer is read.
 */
final class SendWebhook {

    static final int MAX_ANSWER = 64 * 1024;

    /** A Retry-After is honoured up to a day, the longest step of the default retry schedule. */
    static final Duration LONGEST_PAUSE = Duration.ofHours(24);

    /** What the receiver's answer means for the delivery. */
    sealed interface Answer {
        record Delivered(int statusCode) implements Answer {}

        /** 410: the receiver asks never to be called again. */
        record Gone(int statusCode) implements Answer {}

        /** 429 or 503 with a Retry-After: wait that long. */
        record Throttled(int statusCode, Duration retryAfter) implements Answer {}

        /** Anything else; {@code statusCode} is null when there was no answer at all. */
        record Failed(Integer statusCode, String error) implements Answer {}
    }

    private final HttpClient http;
    private final Duration timeout;
    private final String userAgent;
    private final Clock clock;

    SendWebhook(Duration timeout, String version, Clock clock) {
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
        this.userAgent = "alation-job-gateway/" + version;
        this.clock = clock;
    }

    Answer send(URI url, WebhookSecret secret, String eventId, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signature.sign(secret, eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer = readSome(response.body());
            int code = response.statusCode();
            if (code >= 200 && code < 300) return new Answer.Delivered(code);
            if (code == 410) return new Answer.Gone(code);
            if (code == 429 || code == 503) {
                var asked = response.headers().firstValue("Retry-After").map(this::retryAfter);
                if (asked.isPresent() && asked.get() != null) return new Answer.Throttled(code, asked.get());
            }
            return new Answer.Failed(code, "HTTP " + code + (answer.isBlank() ? "" : ": " + snippet(answer)));
        } catch (HttpTimeoutException e) {
            return new Answer.Failed(null, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer.Failed(null, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Failed(null, "interrupted: the gateway is stopping");
        }
    }

    /** Reads at most {@link #MAX_ANSWER} bytes and drops the rest with the connection. */
    private static String readSome(InputStream body) throws IOException {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_ANSWER);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The delay asked for (seconds or an HTTP-date), at least 1 s and at most a day; null when unreadable. */
    Duration retryAfter(String value) {
        Duration asked;
        try {
            asked = Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                asked = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (asked.compareTo(Duration.ofSeconds(1)) < 0) return Duration.ofSeconds(1);
        return asked.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : asked;
    }

    private static String snippet(String answer) {
        String flat = answer.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.net.ConnectException ? "connection refused or unreachable" : "I/O error";
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
