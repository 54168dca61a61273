package io.github.alationgateway.store;

import java.util.List;
import java.util.Map;

/**
 * Told of jobs whose status changed, inside the transaction that changed them: whatever it writes commits or
 * rolls back with the change (the event log's outbox). Implemented above the store, so that the store imports
 * nothing of the features built on it. Called only with real changes, never for a poll that changed nothing,
 * so that the poller's hot path stays cheap.
 */
public interface StatusChanges {

    void changed(List<StatusChange> changes);

    /**
     * Jobs just registered (each a change from no status to PENDING), told with what they were stored with: a
     * listener that shows them needs no read of what the registration has in hand. They have no follow-ups yet.
     * By default, told as {@link #changed}.
     */
    default void registered(List<RegisteredJob> jobs) {
        changed(jobs.stream()
                .map(r -> new StatusChange(r.job().id(), null, r.job().status()))
                .toList());
    }

    /** A job as its registration stored it: the row, its labels, and its callback (null for none). */
    record RegisteredJob(Job job, Map<String, String> labels, JobCallback callback) {}

    /**
     * One job's status moved {@code from} one value {@code to} another; {@code from} is null for a job that was
     * just registered.
     */
    record StatusChange(String jobId, JobStatus from, JobStatus to) {}
}
