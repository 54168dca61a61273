package io.github.alationgateway.store;

import java.time.Instant;
import java.util.List;

/**
 * What one poll changes on a job, written only if the job still carries the version and lease owner that the
 * poll was claimed with. {@code polledAt} is null when nothing was sent to Alation.
 */
public record Outcome(
        String jobId,
        long version,
        String leaseOwner,
        JobStatus status,
        String alationStatus,
        String statusReason,
        String msg,
        String rawResult,
        Instant polledAt,
        int failureCount,
        String lastError,
        Instant nextPollAt,
        Instant finishedAt,
        List<LogLine> logs) {

    /** A log line; {@code repeatOfLast} folds it into the job's latest entry instead of adding one. */
    public record LogLine(Instant at, String level, String status, String message, boolean repeatOfLast) {}
}
