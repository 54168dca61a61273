package io.github.alationgateway.polling;

import io.github.alationgateway.alation.JobStatusAnswer;
import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.Outcome;
import io.github.alationgateway.store.Outcome.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.springframework.util.unit.DataSize;

/**
 * Decides what an answer from Alation means for a job: its new status, its next poll and its log lines. Pure:
 * no I/O, the time is given. Only Alation's own status can end a job as failed; faults around it (outages,
 * throttling, missing credentials) only delay the next poll, until the deadline expires the job.
 */
final class DecideOutcome {

    private final Cadence cadence;
    private final Duration deadline;
    private final JobDetailsMapper details;
    private final ProgressLog progress;
    private final long maxStoredResult;

    /** With the default cap on a stored result (1 MiB). */
    DecideOutcome(Cadence cadence, Duration deadline, JobDetailsMapper details) {
        this(cadence, deadline, details, DataSize.ofMegabytes(1));
    }

    DecideOutcome(Cadence cadence, Duration deadline, JobDetailsMapper details, DataSize maxStoredResult) {
        this.cadence = cadence;
        this.deadline = deadline;
        this.details = details;
        this.progress = new ProgressLog(details);
        this.maxStoredResult = maxStoredResult.toBytes();
    }

    Decision decide(ClaimedJob claim, JobStatusAnswer answer, Instant now) {
        Job job = claim.job();
        if (answer instanceof JobStatusAnswer.Status status) return reported(job, status, now);
        if (answer instanceof JobStatusAnswer.Deferred deferred) return deferred(job, deferred, now);
        String reason;
        Instant next;
        int failures = job.failureCount() + 1;
        if (answer instanceof JobStatusAnswer.NotFound notFound) {
            reason = "Alation does not know this job (yet): " + notFound.detail();
            next = cadence.backoff(failures, now);
        } else if (answer instanceof JobStatusAnswer.Throttled throttled) {
            reason = "Alation is throttling calls (" + throttled.reason() + "); waiting "
                    + throttled.retryAfter().toSeconds() + "s";
            next = cadence.after(throttled.retryAfter(), now);
        } else if (answer instanceof JobStatusAnswer.CredentialsRejected rejected) {
            reason = "Waiting for working credentials: " + rejected.reason();
            next = cadence.after(cadence.maxInterval(), now);
        } else if (answer instanceof JobStatusAnswer.Unreadable unreadable) {
            // The answer about this job is the trouble, so this job alone backs off.
            reason = "Alation's answer cannot be read: " + unreadable.reason();
            next = cadence.backoff(failures, now);
        } else {
            reason = "Alation unavailable: " + ((JobStatusAnswer.Unavailable) answer).reason();
            // A fault of the instance, not of this job: retried at the base interval. When faults keep coming,
            // the instance's circuit holds every job back at once (alation/InstanceCircuit); a backoff per job
            // would only leave jobs waiting long after the instance is back.
            next = cadence.backoff(1, now);
        }
        return failed(job, "Poll failed: " + reason, failures, next, now);
    }

    private Decision reported(Job job, JobStatusAnswer.Status answer, Instant now) {
        String reported = answer.status();
        JobStatus status = map(reported);
        boolean known = status != null || "running".equalsIgnoreCase(reported);
        if (status == null) status = JobStatus.RUNNING;
        // Derived from the whole result, before it is shortened to be stored: the follow-up and the progress line.
        StoredResult rawResult = StoredResult.fit(answer.result(), maxStoredResult);
        List<LogLine> logs = new ArrayList<>();
        if (job.failureCount() > 0) {
            logs.add(new LogLine(
                    now,
                    "INFO",
                    reported,
                    "Alation answered again after " + job.failureCount() + " failed poll"
                            + (job.failureCount() == 1 ? "" : "s"),
                    false));
        }
        if (!Objects.equals(reported, job.alationStatus()) || !Objects.equals(answer.msg(), job.msg())) {
            String message = known
                    ? "Alation reports status '" + reported + "'"
                    : "Alation reports an unknown status '" + reported + "'; polling goes on";
            if (answer.msg() != null) message += ": " + answer.msg();
            logs.add(
                    new LogLine(now, status == JobStatus.FAILED || !known ? "WARN" : "INFO", reported, message, false));
        }
        progress.line(job, answer.result(), reported, now).ifPresent(logs::add);
        String reason = known ? null : "Alation reports an unknown status '" + reported + "'";
        if (status.isFinal()) {
            cadence.ended(job, now);
            logs.add(new LogLine(now, "INFO", status.wire(), "Tracking ended: " + status.wire(), false));
            OptionalLong followUp =
                    job.parentId() == null ? details.followUpJobId(job.kind(), answer.result()) : OptionalLong.empty();
            return new Decision(
                    outcome(job, status, reported, reason, answer.msg(), rawResult, now, 0, null, null, now, logs),
                    followUp);
        }
        if (expired(job, now)) {
            return expire(
                    job,
                    reported,
                    answer.msg(),
                    rawResult,
                    now,
                    "Alation status '" + reported + "'" + (answer.msg() == null ? "" : " (" + answer.msg() + ")"),
                    logs,
                    0,
                    null,
                    now);
        }
        Instant next = cadence.regular(job, now);
        return new Decision(
                outcome(job, status, reported, reason, answer.msg(), rawResult, now, 0, null, next, null, logs),
                OptionalLong.empty());
    }

    private Decision deferred(Job job, JobStatusAnswer.Deferred deferred, Instant now) {
        if (expired(job, now)) return expireUnchanged(job, now);
        Instant next = cadence.after(deferred.retryAfter(), now);
        return unchanged(job, null, job.failureCount(), job.lastError(), next, List.of());
    }

    private Decision failed(Job job, String error, int failures, Instant next, Instant now) {
        boolean repeat = error.equals(job.lastError());
        List<LogLine> logs = new ArrayList<>();
        logs.add(new LogLine(now, "WARN", job.status().wire(), error, repeat));
        if (expired(job, now)) {
            return expire(
                    job, job.alationStatus(), job.msg(), StoredResult.of(job), now, error, logs, failures, error, now);
        }
        return unchanged(job, now, failures, error, next, logs);
    }

    /** What Alation last told us stays as it was; only the poll's own bookkeeping moves. */
    private static Decision unchanged(
            Job job, Instant polledAt, int failures, String lastError, Instant next, List<LogLine> logs) {
        return new Decision(
                outcome(
                        job,
                        job.status(),
                        job.alationStatus(),
                        job.statusReason(),
                        job.msg(),
                        StoredResult.of(job),
                        polledAt,
                        failures,
                        lastError,
                        next,
                        null,
                        logs),
                OptionalLong.empty());
    }

    private Decision expireUnchanged(Job job, Instant now) {
        String lastSeen = job.lastError() != null
                ? job.lastError()
                : job.alationStatus() == null
                        ? "no answer from Alation yet"
                        : "Alation status '" + job.alationStatus() + "'";
        return expire(
                job,
                job.alationStatus(),
                job.msg(),
                StoredResult.of(job),
                null,
                lastSeen,
                new ArrayList<>(),
                job.failureCount(),
                job.lastError(),
                now);
    }

    private Decision expire(
            Job job,
            String alationStatus,
            String msg,
            StoredResult rawResult,
            Instant polledAt,
            String lastSeen,
            List<LogLine> logs,
            int failures,
            String lastError,
            Instant now) {
        cadence.dropped(job);
        String reason = "Not finished within " + describe(deadline) + " of registration; last seen: " + lastSeen;
        logs.add(new LogLine(now, "WARN", JobStatus.EXPIRED.wire(), "Tracking ended: expired. " + reason, false));
        return new Decision(
                outcome(
                        job,
                        JobStatus.EXPIRED,
                        alationStatus,
                        reason,
                        msg,
                        rawResult,
                        polledAt,
                        failures,
                        lastError,
                        null,
                        now,
                        logs),
                OptionalLong.empty());
    }

    private boolean expired(Job job, Instant now) {
        return !now.isBefore(job.registeredAt().plus(deadline));
    }

    private static Outcome outcome(
            Job job,
            JobStatus status,
            String alationStatus,
            String reason,
            String msg,
            StoredResult rawResult,
            Instant polledAt,
            int failures,
            String lastError,
            Instant next,
            Instant finishedAt,
            List<LogLine> logs) {
        return new Outcome(
                job.id(),
                job.version(),
                job.leaseOwner(),
                status,
                alationStatus,
                reason,
                msg,
                rawResult.json(),
                polledAt,
                failures,
                lastError,
                next,
                finishedAt,
                logs,
                rawResult.truncated());
    }

    /** Alation's terminal statuses; null for 'running' and for statuses we do not know. */
    static JobStatus map(String reported) {
        if (reported == null) return null;
        switch (reported.trim().toLowerCase(Locale.ROOT)) {
            case "successful":
                return JobStatus.SUCCESSFUL;
            case "partially_successful":
                return JobStatus.PARTIALLY_SUCCESSFUL;
            case "failed":
                return JobStatus.FAILED;
            default:
                return null;
        }
    }

    private static String describe(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) return duration.toHours() + "h";
        if (duration.toSeconds() % 60 == 0) return duration.toMinutes() + "min";
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
