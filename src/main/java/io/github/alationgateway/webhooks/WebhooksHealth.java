package io.github.alationgateway.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/webhooks}: each endpoint's state. A disabled endpoint makes it UNKNOWN, never DOWN: a
 * receiver's trouble is not the gateway's, and this contributor is in neither the liveness nor the readiness
 * group.
 */
@Component("webhooks")
class WebhooksHealth implements HealthIndicator {

    private final WebhookEndpoints endpoints;

    WebhooksHealth(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean disabled = false;
        for (EndpointView e : endpoints.all(false)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", e.state());
            if (e.pausedUntil() != null)
                detail.put("paused_until", e.pausedUntil().toString());
            detail.put("pending", e.pending());
            detail.put("failed", e.failed());
            if (e.lastSuccessAt() != null)
                detail.put("last_success_at", e.lastSuccessAt().toString());
            if (e.lastFailureAt() != null)
                detail.put("last_failure_at", e.lastFailureAt().toString());
            if (e.lastError() != null) detail.put("last_error", e.lastError());
            details.put(e.name(), detail);
            disabled |= EndpointStates.DISABLED.equals(e.state());
        }
        return Health.status(disabled ? Status.UNKNOWN : Status.UP)
                .withDetails(details)
                .build();
    }
}
