package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the two token endpoints' answers mean. Reasons name the credentials by kind and never quote Alation's
 * answer body, which could echo what we sent.
 */
final class TokenAnswers {

    private final ObjectMapper json;
    private final Clock clock;

    TokenAnswers(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** The JSON object of a 2xx answer; throws for every other answer. {@code what} names the credentials. */
    JsonNode accepted(AlationAnswer response, String what) {
        int code = response.statusCode();
        if (code == 400 || code == 401 || code == 403) {
            throw AnswerException.rejected("Alation rejected the " + what + " (HTTP " + code + ")");
        }
        if (code == 429) {
            Duration wait = RetryAfter.orDefault(response, clock);
            throw new AnswerException(new JobStatusAnswer.Throttled(
                    wait,
                    "Alation answered HTTP 429 (too many requests) when asked for an access token; retry after "
                            + Durations.text(wait)));
        }
        if (code < 200 || code >= 300) {
            throw AnswerException.unavailable("could not get an access token: Alation answered HTTP " + code);
        }
        JsonNode doc;
        try {
            doc = json.readTree(response.body());
        } catch (JacksonException e) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            throw AnswerException.unavailable(
                    "could not get an access token: answer is not JSON (" + StatusAnswers.contentType(response) + ")");
        }
        // Some of Alation's token calls answer 200 and say in the body that they refused.
        if ("failed".equalsIgnoreCase(text(doc, "status"))) {
            throw AnswerException.rejected("Alation rejected the " + what + " (answer said status failed)");
        }
        return doc;
    }

    String requiredToken(JsonNode doc, String field) {
        String token = text(doc, field);
        if (token == null || token.isBlank()) {
            throw AnswerException.unavailable("could not get an access token: answer has no " + field);
        }
        return token;
    }

    /**
     * How long a token from {@code createAPIAccessToken} lives: {@code token_expires_at - created_at}, both written
     * by Alation's clock, so the difference is exact whatever our clock says. Without {@code created_at}, the
     * expiry is read against our clock (a skewed clock then shortens or lengthens it). Null when unknown or not
     * positive: the token is then assumed to live an hour, and a 401 renews it sooner.
     */
    Duration lifetime(JsonNode doc) {
        Instant expires = instant(text(doc, "token_expires_at"));
        if (expires == null) return null;
        Instant created = instant(text(doc, "created_at"));
        Duration lifetime = Duration.between(created != null ? created : clock.instant(), expires);
        return lifetime.isNegative() || lifetime.isZero() ? null : lifetime;
    }

    static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /**
     * Alation writes {@code token_expires_at} as ISO-8601, with or without an offset (then UTC), sometimes with a
     * space for the 'T' as Python prints it. Null when unreadable: the token is then assumed to live an hour.
     */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String iso = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
