package io.github.alationgateway.alation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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

    private final MeterRegistry registry;
    private final String instance;
    private final Timer latency;
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);

    PollMetrics(MeterRegistry registry, String instance) {
        this.registry = registry;
        this.instance = instance;
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

    /**
     * {@code gateway.alation.circuit.open} (1 while the instance's circuit is open or probing) and
     * {@code gateway.alation.circuit.opened} (how often it opened), read from the circuit at scrape time.
     */
    void watch(InstanceCircuit circuit) {
        Gauge.builder("gateway.alation.circuit.open", circuit, c -> c.state() == InstanceCircuit.State.CLOSED ? 0 : 1)
                .description("1 while the instance's calls are held back after a run of faults, else 0")
                .tag("instance", instance)
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("gateway.alation.circuit.opened", circuit, InstanceCircuit::timesOpened)
                .description("How often the instance's circuit opened after a run of faults")
                .tag("instance", instance)
                .register(registry);
    }

    void roundTrip(long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void count(PollOutcome outcome) {
        polls.get(outcome).increment();
    }
}
