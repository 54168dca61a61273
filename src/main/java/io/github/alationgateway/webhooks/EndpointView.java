package io.github.alationgateway.webhooks;

import java.time.Instant;
import java.util.List;

/** A webhook endpoint as admins see it: its settings without the secret, its shared state and counts. */
public record EndpointView(
        String name,
        String url,
        List<String> events,
        String state,
        Instant pausedUntil,
        long pending,
        long failed,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        String lastError) {}
