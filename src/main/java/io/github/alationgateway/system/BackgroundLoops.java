package io.github.alationgateway.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The guard of every background loop of this replica (db-scheduler's {@code RunUntilShutdown}): a loop survives
 * anything but an {@code Error}, its failures are counted in {@code gateway_background_errors_total{loop}} and
 * logged once per burst, and it carries on after a backoff. Use it in one of two ways:
 *
 * <ul>
 *   <li>a thread of its own: {@code loops.start("webhook-delivery", () -> { deliverSome(); return
 *       Duration.ofSeconds(1); })}, and {@code loop.stop(timeout)} when stopping;
 *   <li>a task run by a scheduler ({@code @Scheduled}, an executor): wrap each run in {@code
 *       loops.guard("retention", this::deleteOldJobs)}; the schedule's period is the backoff.
 * </ul>
 *
 * <p>As the {@code loops} health contributor (in the liveness group) it reports DOWN only when a loop's thread has
 * ended without being stopped: that replica polls no more and should be restarted. A loop that keeps failing
 * (say, its database is away) stays UP here: readiness reports the database, and a restart would not help.
 */
public final class BackgroundLoops implements HealthIndicator {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, LoopFailures> failures = new ConcurrentHashMap<>();
    private final List<BackgroundLoop> loops = new CopyOnWriteArrayList<>();

    public BackgroundLoops(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    BackgroundLoops(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Starts a thread named {@code name} that runs {@code step} until {@link BackgroundLoop#stop}. */
    public BackgroundLoop start(String name, BackgroundLoop.Step step) {
        loops.removeIf(loop -> loop.isStopped());
        BackgroundLoop loop = new BackgroundLoop(name, step, failuresOf(name));
        loops.add(loop);
        loop.start();
        return loop;
    }

    /**
     * Runs one pass of a task that someone else schedules, and keeps anything it throws but an {@code Error}
     * from reaching the scheduler: counted, logged once per burst. Answers whether the pass succeeded.
     */
    public boolean guard(String name, Runnable pass) {
        LoopFailures loop = failuresOf(name);
        try {
            pass.run();
            loop.succeeded();
            return true;
        } catch (Error e) {
            loop.died(e);
            throw e;
        } catch (Throwable e) {
            loop.failed(e);
            return false;
        }
    }

    @Override
    public Health health() {
        Map<String, Object> details = new TreeMap<>();
        boolean dead = false;
        for (BackgroundLoop loop : loops) {
            if (loop.isStopped()) continue;
            Map<String, Object> state = loop.failures().details();
            if (loop.diedUnasked()) {
                dead = true;
                state.put("state", "stopped by " + loop.died());
            } else {
                state.put("state", loop.failures().inBurst() > 0 ? "backing off" : "running");
            }
            details.put(loop.name(), state);
        }
        failures.forEach((name, loop) -> {
            if (!details.containsKey(name) && loop.inBurst() > 0) details.put(name, loop.details());
        });
        return (dead ? Health.down() : Health.up()).withDetails(details).build();
    }

    /** Stops the loops their owners left running, when the application context closes. */
    void stopAll() {
        for (BackgroundLoop loop : loops) loop.stop(Duration.ofSeconds(5));
    }

    private LoopFailures failuresOf(String name) {
        return failures.computeIfAbsent(name, n -> new LoopFailures(n, meters, clock));
    }
}
