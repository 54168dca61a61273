package io.github.alationgateway.store;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import java.time.Instant;

/** One tracked Alation job, as stored. {@code rawResult} is Alation's {@code result} as JSON text. */
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
        long version) {

    public AlationJobRef alationRef() {
        return alationJobId != null ? AlationJobRef.ofId(alationJobId) : AlationJobRef.ofName(alationJobName);
    }
}
