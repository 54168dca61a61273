package io.github.alationgateway.polling;

import io.github.alationgateway.store.Job;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a running job waits for its next poll after Alation said it still runs: {@code gateway.poll.cadence}.
 * {@link Cadence} adds the jitter and handles failures, the same for both.
 */
interface Schedule {

    /** The wait before the next poll of {@code job}, which Alation reported running at {@code now}. */
    Duration next(Job job, Instant now);

    /** Alation reported {@code job} ended at {@code now}. */
    default void ended(Job job, Instant now) {}

    /** Tracking of {@code job} stopped without an end from Alation (expired). */
    default void dropped(Job job) {}
}
