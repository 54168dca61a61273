package io.github.alationgateway.webhooks;

import java.time.Instant;

/**
 * One event for one receiver, as stored. {@code url} is set only for per-job callbacks. A claimed delivery
 * carries the version and lease owner its result is written under.
 */
record Delivery(
        long id,
        String endpoint,
        String url,
        String eventId,
        String eventType,
        String jobId,
        Instant createdAt,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String leaseOwner,
        Integer lastStatusCode,
        String lastError,
        Instant lastAttemptAt,
        Instant deliveredAt,
        long version) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
