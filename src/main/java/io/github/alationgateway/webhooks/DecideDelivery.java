package io.github.alationgateway.webhooks;

import io.github.alationgateway.system.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an answer means for a delivery and its endpoint, written at once: 2xx delivered; 410 disables the
 * endpoint (its deliveries wait, uncounted, until an admin enables it); 429 or 503 with Retry-After pauses it as
 * asked (uncounted too); anything else is retried on the schedule, then failed. A per-job callback is one
 * client's address, so a 410 or a Retry-After there concerns that delivery alone.
 */
final class DecideDelivery {

    private static final Logger log = LoggerFactory.getLogger(DecideDelivery.class);

    private final Deliveries deliveries;
    private final EndpointStates states;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Map<String, Instant> successWritten = new ConcurrentHashMap<>();

    DecideDelivery(
            Deliveries deliveries, EndpointStates states, RetrySchedule schedule, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.states = states;
        this.schedule = schedule;
        this.clock = clock;
        this.meters = meters;
    }

    /** One attempt's answer and what it means for its delivery, not yet written. */
    record Decided(Receiver receiver, SendWebhook.Answer answer, Deliveries.Result result) {}

    /**
     * What an answer means. A 410 or a Retry-After acts on the endpoint at once, so that its other deliveries
     * wait; the delivery's own result is written later, with others, by {@link #record}.
     */
    Decided decide(Receiver receiver, Delivery d, SendWebhook.Answer answer) {
        Instant now = clock.instant();
        String name = receiver.name();
        Deliveries.Result result;
        if (answer instanceof SendWebhook.Answer.Delivered ok) {
            lag.computeIfAbsent(name, this::lagTimer).record(Duration.between(d.createdAt(), now));
            result = result(d, Delivery.DELIVERED, d.attempts() + 1, null, ok.statusCode(), null, now, now);
        } else if (answer instanceof SendWebhook.Answer.Gone gone && !receiver.isCallbacks()) {
            String error = "HTTP 410 Gone: the endpoint is disabled until an admin enables it";
            if (states.disable(name, now, error)) {
                log.warn(
                        "Webhook endpoint '{}' answered 410 Gone and is disabled; its deliveries wait until an admin"
                                + " enables it (POST /api/v1/webhooks/{}/enable)",
                        LogSafe.of(name),
                        LogSafe.of(name));
            }
            result = result(d, Delivery.PENDING, d.attempts(), now, gone.statusCode(), error, now, null);
        } else if (answer instanceof SendWebhook.Answer.Gone gone) {
            String error = "HTTP 410 Gone: the receiver does not want this callback";
            result = result(d, Delivery.FAILED, d.attempts() + 1, null, gone.statusCode(), error, now, null);
        } else if (answer instanceof SendWebhook.Answer.Throttled throttled) {
            Instant until = now.plus(throttled.retryAfter());
            String error = "HTTP " + throttled.statusCode() + " with Retry-After: waiting until " + until;
            if (!receiver.isCallbacks()) states.pause(name, until);
            result = result(d, Delivery.PENDING, d.attempts(), until, throttled.statusCode(), error, now, null);
        } else {
            SendWebhook.Answer.Failed failed = (SendWebhook.Answer.Failed) answer;
            int attempts = d.attempts() + 1;
            var next = schedule.next(attempts, now);
            result = result(
                    d,
                    next.isPresent() ? Delivery.PENDING : Delivery.FAILED,
                    attempts,
                    next.orElse(null),
                    failed.statusCode(),
                    failed.error(),
                    now,
                    null);
        }
        return new Decided(receiver, answer, result);
    }

    /**
     * Writes decided results in one batch, each only if its delivery still carries the claim it was sent under
     * (one taken over after its lease is decided by the newer attempt), then counts and reports those written.
     */
    void record(List<Decided> decided) {
        if (decided.isEmpty()) return;
        boolean[] written =
                deliveries.record(decided.stream().map(Decided::result).toList());
        Instant now = clock.instant();
        for (int i = 0; i < decided.size(); i++) {
            if (written[i]) recorded(decided.get(i), now);
        }
    }

    private void recorded(Decided decided, Instant now) {
        Receiver receiver = decided.receiver();
        SendWebhook.Answer answer = decided.answer();
        Deliveries.Result result = decided.result();
        Delivery d = result.claimed();
        String name = receiver.name();
        meters.counter("gateway.webhook.deliveries", "endpoint", name, "outcome", outcome(answer, result))
                .increment();
        if (result.status().equals(Delivery.DELIVERED)) {
            // One write a second per endpoint at most: last_success_at need not cost a statement per delivery.
            Instant written = successWritten.get(name);
            if (written == null || Duration.between(written, now).toMillis() >= 1000) {
                successWritten.put(name, now);
                states.succeeded(name, now);
            }
        } else if (!(answer instanceof SendWebhook.Answer.Gone) || receiver.isCallbacks()) {
            states.failed(name, now, result.error());
        }
        if (result.status().equals(Delivery.FAILED)) {
            log.warn(
                    "Webhook delivery {} of event {} ({} of job {}) to '{}' failed for good after {} attempts: {}",
                    d.id(),
                    d.eventId(),
                    d.eventType(),
                    d.jobId(),
                    LogSafe.of(name),
                    result.attempts(),
                    LogSafe.of(result.error()));
        }
    }

    private static String outcome(SendWebhook.Answer answer, Deliveries.Result result) {
        if (answer instanceof SendWebhook.Answer.Delivered) return "delivered";
        if (answer instanceof SendWebhook.Answer.Gone) return "gone";
        if (answer instanceof SendWebhook.Answer.Throttled) return "throttled";
        return result.status().equals(Delivery.FAILED) ? "failed" : "retried";
    }

    private Timer lagTimer(String endpoint) {
        return Timer.builder("gateway.webhook.delivery.lag")
                .description("From an event to its delivery to this endpoint")
                .tag("endpoint", endpoint)
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Deliveries.Result result(
            Delivery d,
            String status,
            int attempts,
            Instant next,
            Integer code,
            String error,
            Instant attemptedAt,
            Instant deliveredAt) {
        return new Deliveries.Result(d, status, attempts, next, code, error, attemptedAt, deliveredAt);
    }
}
