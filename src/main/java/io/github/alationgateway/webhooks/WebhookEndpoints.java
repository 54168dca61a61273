package io.github.alationgateway.webhooks;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Each receiver as the API and health show it: settings without the secret, shared state and counts. */
@Component
class WebhookEndpoints {

    private final Receivers receivers;
    private final EndpointStates states;
    private final WebhookMetrics metrics;

    WebhookEndpoints(Receivers receivers, EndpointStates states, WebhookMetrics metrics) {
        this.receivers = receivers;
        this.states = states;
        this.metrics = metrics;
    }

    /** {@code fresh}: count now (the API); otherwise the counts of the last refresh (health, cheap to probe). */
    List<EndpointView> all(boolean fresh) {
        Map<String, EndpointStates.State> known = states.all();
        Map<String, Map<String, Long>> counts = fresh ? metrics.countsNow() : null;
        return receivers.all().stream()
                .map(r -> {
                    EndpointStates.State state = known.get(r.name());
                    long pending = fresh
                            ? counts.getOrDefault(r.name(), Map.of()).getOrDefault(Delivery.PENDING, 0L)
                            : metrics.count(r.name(), Delivery.PENDING);
                    long failed = fresh
                            ? counts.getOrDefault(r.name(), Map.of()).getOrDefault(Delivery.FAILED, 0L)
                            : metrics.count(r.name(), Delivery.FAILED);
                    return new EndpointView(
                            r.name(),
                            r.url() == null ? null : r.url().toString(),
                            r.events().stream().map(e -> e.wire()).sorted().toList(),
                            state == null ? EndpointStates.ACTIVE : state.state(),
                            state == null ? null : state.pausedUntil(),
                            pending,
                            failed,
                            state == null ? null : state.lastSuccessAt(),
                            state == null ? null : state.lastFailureAt(),
                            state == null ? null : state.lastError());
                })
                .toList();
    }
}
