package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventType;
import io.github.alationgateway.events.NewEvent;
import io.github.alationgateway.view.JobView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where deliveries under one name go: a configured endpoint, or the per-job callbacks (whose address is on each
 * delivery, and which a 410 or a Retry-After concern alone, not the whole name).
 */
record Receiver(
        String name,
        URI url,
        WebhookSecret secret,
        Set<EventType> events,
        List<String> instances,
        List<String> kinds,
        Map<String, String> labels,
        int maxConcurrent) {

    static Receiver of(String name, WebhookProperties.Endpoint endpoint) {
        return new Receiver(
                name,
                endpoint.url(),
                WebhookSecret.parse("gateway.webhooks.endpoints." + name + ".secret", endpoint.secret()),
                endpoint.events().stream()
                        .map(e -> EventType.parse(e).orElseThrow())
                        .collect(Collectors.toUnmodifiableSet()),
                endpoint.instances(),
                endpoint.kinds(),
                endpoint.labels(),
                endpoint.maxConcurrent());
    }

    static Receiver callbacks(WebhookProperties settings) {
        WebhookSecret secret = settings.callbackSecret() == null
                ? null
                : WebhookSecret.parse("gateway.webhooks.callback-secret", settings.callbackSecret());
        return new Receiver(
                WebhookProperties.CALLBACKS,
                null,
                secret,
                Set.of(EventType.values()),
                List.of(),
                List.of(),
                Map.of(),
                settings.callbackMaxConcurrent());
    }

    boolean isCallbacks() {
        return url == null;
    }

    /** Whether this endpoint wants the event: its type, and every filter given. */
    boolean wants(NewEvent event) {
        JobView job = event.job();
        return events.contains(event.type())
                && (instances.isEmpty() || instances.contains(job.instance()))
                && (kinds.isEmpty() || kinds.contains(job.kind()))
                && labels.entrySet().stream()
                        .allMatch(l -> l.getValue().equals(job.labels().get(l.getKey())));
    }

    @Override
    public String toString() {
        return "Receiver[" + name + " " + (url == null ? "per-job callbacks" : url) + "]";
    }
}
