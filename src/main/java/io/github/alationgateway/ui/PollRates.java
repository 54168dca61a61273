package io.github.alationgateway.ui;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls per minute and the last successful poll of each instance, read from this replica's {@code gateway.polls}
 * counters. A sample every 10 s over the last minute: the overview stays a cheap read, and the figure is what
 * this replica did, as its counters are.
 */
@Component
class PollRates {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String DEFERRED = "deferred";
    private static final String STATUS = "status";

    private record Sample(Instant at, double calls, double answers) {}

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();
    private final Map<String, Instant> lastAnswer = new HashMap<>();

    PollRates(ObjectProvider<MeterRegistry> registry, Clock clock) {
        // A replica started without metrics (a test's, say) shows no rates rather than failing to start.
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 0)
    void sample() {
        Instant now = clock.instant();
        Map<String, double[]> totals = new HashMap<>();
        for (Counter counter : registry.find("gateway.polls").counters()) {
            String instance = counter.getId().getTag("instance");
            String outcome = counter.getId().getTag("outcome");
            if (instance == null || DEFERRED.equals(outcome)) continue;
            double[] total = totals.computeIfAbsent(instance, i -> new double[2]);
            total[0] += counter.count();
            if (STATUS.equals(outcome)) total[1] += counter.count();
        }
        synchronized (this) {
            totals.forEach((instance, total) -> {
                Deque<Sample> history = samples.computeIfAbsent(instance, i -> new ArrayDeque<>());
                Sample previous = history.peekLast();
                if (previous != null && total[1] > previous.answers()) lastAnswer.put(instance, now);
                history.addLast(new Sample(now, total[0], total[1]));
                // Keep the newest sample at least a minute old as the base of the rate, and nothing older.
                Instant cutoff = now.minus(WINDOW);
                while (history.size() > 2) {
                    var it = history.iterator();
                    it.next();
                    if (it.next().at().isAfter(cutoff)) break;
                    history.removeFirst();
                }
            });
        }
    }

    /** Calls that reached the instance per minute, over the last minute; empty until two samples exist. */
    synchronized OptionalDouble perMinute(String instance) {
        Deque<Sample> history = samples.get(instance);
        if (history == null || history.size() < 2) return OptionalDouble.empty();
        Sample first = history.peekFirst();
        Sample last = history.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        if (seconds <= 0) return OptionalDouble.empty();
        return OptionalDouble.of((last.calls() - first.calls()) * 60.0 / seconds);
    }

    /** When a sample last saw a new answer from the instance (within 10 s), or null if none since start. */
    synchronized Instant lastAnswerSeen(String instance) {
        return lastAnswer.get(instance);
    }
}
