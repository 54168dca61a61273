package io.github.alationgateway.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failures of one background loop: every one counted in {@code gateway_background_errors_total{loop}}, but
 * logged once when a burst begins, once a minute while it lasts, and once when it ends. A database away for an
 * hour then costs the log about sixty lines per loop, not one per retry.
 */
final class LoopFailures {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoops.class);
    static final Duration REMIND_EVERY = Duration.ofMinutes(1);

    private final String loop;
    private final Counter errors;
    private final Clock clock;
    private volatile int inBurst;
    private Instant burstSince;
    private Instant lastLogged;
    private String lastError;

    LoopFailures(String loop, MeterRegistry meters, Clock clock) {
        this.loop = loop;
        this.clock = clock;
        this.errors = Counter.builder("gateway.background.errors")
                .description("Failures of a background loop that it survived (or, once, did not), by loop")
                .tag("loop", loop)
                .register(meters);
    }

    synchronized void failed(Throwable e) {
        errors.increment();
        Instant now = clock.instant();
        lastError = describe(e);
        if (inBurst++ == 0) {
            burstSince = now;
            lastLogged = now;
            log.warn(
                    "Background loop '{}' failed; it carries on and retries with backoff (further failures are"
                            + " counted in gateway_background_errors_total and summarised once a minute)",
                    loop,
                    e);
        } else if (!now.isBefore(lastLogged.plus(REMIND_EVERY))) {
            lastLogged = now;
            log.warn(
                    "Background loop '{}' still failing: {} failures since {}, the latest: {}",
                    loop,
                    inBurst,
                    burstSince,
                    lastError);
        }
    }

    void succeeded() {
        if (inBurst == 0) return;
        synchronized (this) {
            if (inBurst == 0) return;
            log.info(
                    "Background loop '{}' works again after {} failures in {} s",
                    loop,
                    inBurst,
                    Duration.between(burstSince, clock.instant()).toSeconds());
            inBurst = 0;
        }
    }

    void died(Error e) {
        errors.increment();
        log.error("Background loop '{}' stopped for good; liveness now reports DOWN", loop, e);
    }

    int inBurst() {
        return inBurst;
    }

    synchronized Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failuresInARow", inBurst);
        if (inBurst > 0) {
            details.put("failingSince", String.valueOf(burstSince));
            details.put("lastError", lastError);
        }
        return details;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
