package io.github.alationgateway.store;

import java.time.Instant;
import java.util.List;

/**
 * What one poll changes on a job, written only if the job still carries the version and lease owner that the
 * poll was claimed with. {@code polledAt} is null when nothing was sent to Alation. {@code rawResultTruncated}
 * says that {@code rawResult} is Alation's result shortened to fit {@code gateway.poll.max-stored-result}.
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
        List<LogLine> logs,
        boolean rawResultTruncated) {

    /** An outcome whose result, if any, is stored whole. */
    public Outcome(
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
        this(
                jobId,
                version,
                leaseOwner,
                status,
                alationStatus,
                statusReason,
                msg,
                rawResult,
                polledAt,
                failureCount,
                lastError,
                nextPollAt,
                finishedAt,
                logs,
                false);
    }

    /** A log line; {@code repeatOfLast} folds it into the job's latest entry instead of adding one. */
    public record LogLine(Instant at, String level, String status, String message, boolean repeatOfLast) {}
}
