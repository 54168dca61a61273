package io.github.alationgateway.polling;

import io.github.alationgateway.store.Job;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code gateway.poll.cadence: fixed}: young jobs every {@code interval}; older ones less often, up to
 * {@code max-interval}, since a job that ran an hour will rarely end in the next three seconds. With
 * {@code max-interval} equal to {@code interval}, a fixed rhythm (as Allie-SDK polls, every 3 s).
 */
record AgeSchedule(Duration interval, Duration maxInterval) implements Schedule {

    /** A job's interval grows by this share of its age. */
    private static final double AGE_FACTOR = 0.05;

    @Override
    public Duration next(Job job, Instant now) {
        long age = Math.max(0, Duration.between(job.registeredAt(), now).toMillis());
        long millis = (long) (age * AGE_FACTOR);
        return Duration.ofMillis(Math.max(interval.toMillis(), Math.min(maxInterval.toMillis(), millis)));
    }
}
