package io.github.alationgateway.query;

import io.github.alationgateway.store.EndedJobs;
import io.github.alationgateway.system.Problems;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/** The window of {@code ended_per_hour}: whole hours, as a client writes them (24h, 7d, PT48H), at most 7 days. */
final class EndedWindow {

    static final int DEFAULT_HOURS = 24;

    private EndedWindow() {}

    static int hours(String field, String value) {
        if (value == null) return DEFAULT_HOURS;
        Duration window;
        try {
            window = DurationStyle.detectAndParse(value.trim());
        } catch (RuntimeException e) {
            throw Problems.badField(
                    field, "'" + field + "' is a duration such as 24h or 7d, got '" + Problems.quote(value) + "'");
        }
        if (window.isNegative() || window.isZero() || window.toSeconds() % 3600 != 0 || window.getNano() != 0) {
            throw Problems.badField(field, "'" + field + "' is whole hours, from 1h to 7d, e.g. 24h");
        }
        if (window.toHours() > EndedJobs.MAX_HOURS) {
            throw Problems.badField(
                    field,
                    "'" + field + "' is at most 7d (" + EndedJobs.MAX_HOURS + "h), got '" + Problems.quote(value)
                            + "'");
        }
        return (int) window.toHours();
    }
}
