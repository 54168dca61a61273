package io.github.alationgateway.store;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import java.time.Instant;

/**
 * One tracked Alation job, as stored. {@code rawResult} is Alation's {@code result} as JSON text; for a data
 * dictionary task, {@code {"task": <task answer>, "errors": [...]}}. Exactly one of {@code alationJobId},
 * {@code alationJobName} and {@code alationTaskId} is set. {@code rawResultTruncated}: Alation's result was larger
 * than {@code gateway.poll.max-stored-result} and {@code rawResult} is it shortened to fit (still JSON).
 */
public record Job(
        String id,
        String instance,
        JobKind kind,
        Long alationJobId,
        String alationJobName,
        JobStatus status,
        String alationStatus,
        String statusReason,
        String msg,
        String rawResult,
        String registeredBy,
        int pollCount,
        int failureCount,
        String lastError,
        Instant registeredAt,
        Instant lastPolledAt,
        Instant nextPollAt,
        Instant finishedAt,
        String parentId,
        String leaseOwner,
        long version,
        String alationTaskId,
        boolean rawResultTruncated) {

    /** A job whose result was stored whole. */
    public Job(
            String id,
            String instance,
            JobKind kind,
            Long alationJobId,
            String alationJobName,
            JobStatus status,
            String alationStatus,
            String statusReason,
            String msg,
            String rawResult,
            String registeredBy,
            int pollCount,
            int failureCount,
            String lastError,
            Instant registeredAt,
            Instant lastPolledAt,
            Instant nextPollAt,
            Instant finishedAt,
            String parentId,
            String leaseOwner,
            long version,
            String alationTaskId) {
        this(
                id,
                instance,
                kind,
                alationJobId,
                alationJobName,
                status,
                alationStatus,
                statusReason,
                msg,
                rawResult,
                registeredBy,
                pollCount,
                failureCount,
                lastError,
                registeredAt,
                lastPolledAt,
                nextPollAt,
                finishedAt,
                parentId,
                leaseOwner,
                version,
                alationTaskId,
                false);
    }

    /** A job of Alation's job API, which has no task id. Code that copies a job must use the full form. */
    public Job(
            String id,
            String instance,
            JobKind kind,
            Long alationJobId,
            String alationJobName,
            JobStatus status,
            String alationStatus,
            String statusReason,
            String msg,
            String rawResult,
            String registeredBy,
            int pollCount,
            int failureCount,
            String lastError,
            Instant registeredAt,
            Instant lastPolledAt,
            Instant nextPollAt,
            Instant finishedAt,
            String parentId,
            String leaseOwner,
            long version) {
        this(
                id,
                instance,
                kind,
                alationJobId,
                alationJobName,
                status,
                alationStatus,
                statusReason,
                msg,
                rawResult,
                registeredBy,
                pollCount,
                failureCount,
                lastError,
                registeredAt,
                lastPolledAt,
                nextPollAt,
                finishedAt,
                parentId,
                leaseOwner,
                version,
                null);
    }

    public AlationJobRef alationRef() {
        if (alationJobId != null) return AlationJobRef.ofId(alationJobId);
        if (alationJobName != null) return AlationJobRef.ofName(alationJobName);
        return new AlationJobRef(null, null, alationTaskId);
    }
}
