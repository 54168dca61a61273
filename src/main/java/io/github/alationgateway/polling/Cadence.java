package io.github.alationgateway.polling;

import io.github.alationgateway.store.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a job is polled next. A running job waits as its {@link Schedule} says ({@code gateway.poll.cadence});
 * failures back off exponentially. Jitter everywhere, so that jobs registered together spread out instead of
 * polling Alation in waves.
 */
final class Cadence {

    private final Duration interval;
    private final Duration maxInterval;
    private final DoubleSupplier random;
    private final Schedule schedule;

    /** The fixed cadence: {@link AgeSchedule}. */
    Cadence(Duration interval, Duration maxInterval, DoubleSupplier random) {
        this(interval, maxInterval, random, new AgeSchedule(interval, maxInterval));
    }

    Cadence(Duration interval, Duration maxInterval, DoubleSupplier random, Schedule schedule) {
        this.interval = interval;
        this.maxInterval = maxInterval;
        this.random = random;
        this.schedule = schedule;
    }

    /**
     * After a successful poll of a job still running: ±10% around what the schedule says, but never later than
     * {@code max-interval} when the schedule is the learned one (the fixed one has always jittered past it).
     */
    Instant regular(Job job, Instant now) {
        long base = schedule.next(job, now).toMillis();
        long jittered = Math.round(base * (0.9 + 0.2 * random.getAsDouble()));
        if (schedule instanceof LearnedSchedule) jittered = Math.min(jittered, maxInterval.toMillis());
        return now.plusMillis(Math.max(1, jittered));
    }

    /** Alation reported the job ended: what it took teaches the schedule. */
    void ended(Job job, Instant now) {
        schedule.ended(job, now);
    }

    /** The job stopped being tracked without an end from Alation. */
    void dropped(Job job) {
        schedule.dropped(job);
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
