package io.github.alationgateway.store;

import io.github.alationgateway.details.JobKind;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A page of the job list, newest first. Every filter is optional; {@code visibleInstances} null means all.
 * {@code after} is the keyset position of the last job of the previous page.
 */
public record JobQuery(
        JobStatus status,
        JobKind kind,
        String instance,
        Long alationJobId,
        String alationJobName,
        Map<String, String> labels,
        Instant registeredAfter,
        Instant registeredBefore,
        Position after,
        int pageSize,
        Set<String> visibleInstances,
        String alationTaskId) {

    /** A query that does not filter by data dictionary task. */
    public JobQuery(
            JobStatus status,
            JobKind kind,
            String instance,
            Long alationJobId,
            String alationJobName,
            Map<String, String> labels,
            Instant registeredAfter,
            Instant registeredBefore,
            Position after,
            int pageSize,
            Set<String> visibleInstances) {
        this(
                status,
                kind,
                instance,
                alationJobId,
                alationJobName,
                labels,
                registeredAfter,
                registeredBefore,
                after,
                pageSize,
                visibleInstances,
                null);
    }

    /** The same filters without a page's position and size: what counts and roll-ups read. */
    JobQuery withoutPage() {
        return new JobQuery(
                status,
                kind,
                instance,
                alationJobId,
                alationJobName,
                labels,
                registeredAfter,
                registeredBefore,
                null,
                0,
                visibleInstances,
                alationTaskId);
    }

    /**
     * What is left for the job's side once a label's index range has read the driving label and the registration
     * times ({@link LabelledJobs}): the other labels, the job-side filters and the page size.
     */
    JobQuery onTheJob(Map<String, String> otherLabels) {
        return new JobQuery(
                status,
                kind,
                instance,
                alationJobId,
                alationJobName,
                otherLabels,
                null,
                null,
                null,
                pageSize,
                visibleInstances,
                alationTaskId);
    }

    /** Where a page ends: jobs are ordered by registration time, then id. */
    public record Position(Instant registeredAt, String id) {}
}
