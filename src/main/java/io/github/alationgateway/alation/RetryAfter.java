package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After} (RFC 9110: delay in seconds, or an HTTP-date). */
final class RetryAfter {

    /** When Alation throttles without saying for how long. */
    static final Duration DEFAULT = Duration.ofSeconds(5);

    /**
     * A misconfigured proxy once asking for a day must not silence an instance for a day: the longest pause we
     * honour. The poller's own backoff takes over after it.
     */
    static final Duration LONGEST = Duration.ofMinutes(15);

    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private RetryAfter() {}

    /** The delay asked for, if the header is present and readable, clamped to [1s, 15m]. */
    static Optional<Duration> of(AlationAnswer response, Clock clock) {
        return response.header("Retry-After").map(value -> parse(value, clock));
    }

    /** The delay a 429 asks for; {@link #DEFAULT} when absent or unreadable. */
    static Duration orDefault(AlationAnswer response, Clock clock) {
        Duration asked = of(response, clock).orElse(null);
        return asked == null ? DEFAULT : asked;
    }

    static Duration parse(String value, Clock clock) {
        String text = value.trim();
        Duration asked;
        try {
            asked = Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                asked = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notADate) {
                return DEFAULT;
            }
        }
        if (asked.compareTo(SHORTEST) < 0) {
            return SHORTEST;
        }
        return asked.compareTo(LONGEST) > 0 ? LONGEST : asked;
    }
}
