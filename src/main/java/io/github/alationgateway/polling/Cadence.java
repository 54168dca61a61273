package io.github.alationgateway.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a job is polled next. Young jobs every {@code interval}; older ones less often, up to
 * {@code max-interval}, since a job that ran an hour will rarely end in the next three seconds. Failures back
 * off exponentially. Jitter everywhere, so that jobs registered together spread out instead of polling Alation
 * in waves.
 */
final class Cadence {

    /** A job's interval grows by this share of its age. */
    private static final double AGE_FACTOR = 0.05;

    private final Duration interval;
    private final Duration maxInterval;
    private final DoubleSupplier random;

    Cadence(Duration interval, Duration maxInterval, DoubleSupplier random) {
        this.interval = interval;
        this.maxInterval = maxInterval;
        this.random = random;
    }

    /** After a successful poll of a job still running: ±10% around its age-dependent interval. */
    Instant regular(Instant registeredAt, Instant now) {
        long age = Math.max(0, Duration.between(registeredAt, now).toMillis());
        long base = clamp((long) (age * AGE_FACTOR));
        return now.plusMillis(Math.round(base * (0.9 + 0.2 * random.getAsDouble())));
    }

    /** After the {@code failures}-th failed poll in a row: exponential, with jitter between half and all of it. */
    Instant backoff(int failures, Instant now) {
        int exponent = Math.min(Math.max(failures - 1, 0), 20);
        long base = clamp(interval.toMillis() << exponent);
        return now.plusMillis(Math.round(base * (0.5 + 0.5 * random.getAsDouble())));
    }

    /** When someone told us how long to wait: that, plus up to a quarter more, so waiters do not return at once. */
    Instant after(Duration wait, Instant now) {
        long base = Math.max(wait.toMillis(), 1);
        return now.plusMillis(base + Math.round(base * 0.25 * random.getAsDouble()));
    }

    Duration maxInterval() {
        return maxInterval;
    }

    private long clamp(long millis) {
        return Math.max(interval.toMillis(), Math.min(maxInterval.toMillis(), millis));
    }
}
