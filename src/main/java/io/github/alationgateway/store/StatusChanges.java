package io.github.alationgateway.store;

import java.util.List;

/**
 * Told of jobs whose status changed, inside the transaction that changed them: whatever it writes commits or
 * rolls back with the change (the event log's outbox). Implemented above the store, so that the store imports
 * nothing of the features built on it. Called only with real changes, never for a poll that changed nothing,
 * so that the poller's hot path stays cheap.
 */
public interface StatusChanges {

    void changed(List<StatusChange> changes);

    /**
     * One job's status moved {@code from} one value {@code to} another; {@code from} is null for a job that was
     * just registered.
     */
    record StatusChange(String jobId, JobStatus from, JobStatus to) {}
}
