package io.github.alationgateway.alation;

import java.time.Duration;

/** Durations as operators read them in a job's log: "300ms", "10s", "1.5s", "2m". */
final class Durations {

    private Durations() {}

    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
