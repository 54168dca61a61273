package io.github.alationgateway.webhooks;

import java.time.Instant;

/** One delivery as admins see it, in the API and on the dashboard. */
public record DeliveryView(
        long id,
        String eventId,
        String eventType,
        String jobId,
        String status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Instant createdAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(
                d.id(),
                d.eventId(),
                d.eventType(),
                d.jobId(),
                d.status(),
                d.attempts(),
                d.lastStatusCode(),
                d.lastError(),
                Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
                d.deliveredAt(),
                d.createdAt());
    }
}
