package io.github.alationgateway.polling;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStatus;
import java.time.Instant;

/** Jobs as a claim hands them to the cadence, with only what the cadence reads set. */
final class Jobs {

    private Jobs() {}

    static Job running(String id, String instance, JobKind kind, Instant registeredAt, Instant lastPolledAt) {
        return new Job(
                id,
                instance,
                kind,
                1L,
                null,
                JobStatus.RUNNING,
                "running",
                null,
                null,
                null,
                null,
                lastPolledAt == null ? 0 : 1,
                0,
                null,
                registeredAt,
                lastPolledAt,
                null,
                null,
                null,
                "replica-a",
                1);
    }
}
