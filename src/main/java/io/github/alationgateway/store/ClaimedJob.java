package io.github.alationgateway.store;

import java.time.Instant;

/** A job this replica holds the lease of, and the time it was due (for measuring poll lag). */
public record ClaimedJob(Job job, Instant dueAt) {}
