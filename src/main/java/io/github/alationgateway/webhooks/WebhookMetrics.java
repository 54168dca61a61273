package io.github.alationgateway.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code gateway.webhook.pending} by endpoint, and the counts the API and health show, from one grouped query
 * now and then rather than per scrape. Every replica reports the same shared counts: aggregate with max.
 */
@Component
class WebhookMetrics {

    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);

    private final Deliveries deliveries;
    private final Receivers receivers;
    private final MultiGauge pending;
    private final AtomicReference<Map<String, Map<String, Long>>> counts = new AtomicReference<>(Map.of());

    WebhookMetrics(Deliveries deliveries, Receivers receivers, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.receivers = receivers;
        this.pending = MultiGauge.builder("gateway.webhook.pending")
                .description("Webhook deliveries waiting to be sent, by endpoint")
                .register(meters);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${gateway.metrics.webhooks-refresh:5s}")
    void refresh() {
        try {
            counts.set(deliveries.countsByEndpoint());
        } catch (DataAccessException e) {
            log.warn(
                    "Could not count webhook deliveries: {}",
                    e.getMostSpecificCause().getMessage());
            return;
        }
        pending.register(
                receivers.all().stream()
                        .map(r -> MultiGauge.Row.of(Tags.of("endpoint", r.name()), count(r.name(), Delivery.PENDING)))
                        .toList(),
                true);
    }

    /** As of the last refresh. */
    long count(String endpoint, String status) {
        return counts.get().getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
    }

    /** Counts now, for the API, where an admin expects what is true at this moment. */
    Map<String, Map<String, Long>> countsNow() {
        Map<String, Map<String, Long>> now = deliveries.countsByEndpoint();
        counts.set(now);
        return now;
    }

    List<String> endpoints() {
        return receivers.all().stream().map(Receiver::name).toList();
    }
}
