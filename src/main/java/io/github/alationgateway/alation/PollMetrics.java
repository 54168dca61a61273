package io.github.alationgateway.alation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway.poll.latency} (the Alation round trip) and {@code gateway.polls} by outcome, for one instance.
 * Meters are registered once here so that the hot path does no registry look-up.
 */
final class PollMetrics {

    private final Timer latency;
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);

    PollMetrics(MeterRegistry registry, String instance) {
        this.latency = Timer.builder("gateway.poll.latency")
                .description("Round trip of one job status call to Alation")
                .tag("instance", instance)
                .register(registry);
        for (PollOutcome outcome : PollOutcome.values()) {
            polls.put(
                    outcome,
                    Counter.builder("gateway.polls")
                            .description("Job status calls by outcome")
                            .tag("instance", instance)
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
    }

    void roundTrip(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void count(PollOutcome outcome) {
        polls.get(outcome).increment();
    }
}
