package io.github.alationgateway.alation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an instance is answering at all. Faults (5xx, timeouts, HTML pages) are the instance's trouble, not one
 * job's: after {@link #THRESHOLD} in a row the circuit opens, every job of the instance is held back with a
 * {@code Deferred} answer (which costs the job nothing), and one probe call per {@code gateway.poll.interval} tests
 * the instance (up to {@link #PROBES} in a row). The first answer that is Alation's own (a status, or a 404 about a job) closes it, and the held-back
 * jobs come due again within about one interval instead of each after its own backoff.
 *
 * <p>The probe waits one interval, not an exponential backoff: a single call per interval is what one job costs, so
 * the saving of the circuit is the fan-out it stops, and a short probe cadence is what keeps detection of the
 * instance's return within two intervals. 429 is neither fault nor success: it is handled by the instance's pause.
 *
 * <p>Lock-free while closed, the common case: a volatile read on the way in and an atomic counter on the way out.
 * Opening and probing take the monitor; they happen a few times per outage.
 */
final class InstanceCircuit {

    private static final Logger log = LoggerFactory.getLogger(InstanceCircuit.class);

    /** Faults in a row that open the circuit: 17 % random faults make ten in a row about a one in 50 million. */
    static final int THRESHOLD = 10;

    /**
     * Probes per round, one after the other: an instance back from an outage still has its everyday faults, and one
     * unlucky probe must not keep every job waiting another interval.
     */
    static final int PROBES = 3;

    enum State {
        CLOSED("closed"),
        OPEN("open"),
        PROBING("probing");

        private final String text;

        State(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    private final String instance;
    private final Clock clock;
    private final Duration probeWait;
    private final DoubleSupplier random;
    private final AtomicInteger faultsInRow = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private volatile State state = State.CLOSED;
    /** While OPEN: when the next probe may go (epoch millis). */
    private volatile long probeAtMillis;
    /** Probes that failed in this round; guarded by the monitor. */
    private int failedProbes;

    private volatile String lastFault;

    InstanceCircuit(String instance, Clock clock, Duration probeWait, DoubleSupplier random) {
        this.instance = instance;
        this.clock = clock;
        this.probeWait = probeWait;
        this.random = random;
    }

    /** Null when the call may go ahead (the caller then must {@link #record} its outcome); else why not. */
    JobStatusAnswer.Deferred enter() {
        if (state == State.CLOSED) return null;
        synchronized (this) {
            if (state == State.CLOSED) return null;
            long now = clock.millis();
            if (state == State.OPEN && now >= probeAtMillis) {
                state = State.PROBING;
                return null;
            }
            if (state == State.OPEN) {
                return new JobStatusAnswer.Deferred(
                        Duration.ofMillis(probeAtMillis - now),
                        "held back: the instance's circuit is open after " + THRESHOLD + " faults in a row (last: "
                                + lastFault + "); next probe at " + Instant.ofEpochMilli(probeAtMillis));
            }
            // A probe is under way: come back soon, so that a success is followed within an interval.
            return new JobStatusAnswer.Deferred(
                    probeWait.dividedBy(2), "held back: a probe call tests whether the instance answers again");
        }
    }

    /**
     * For a call let through while the circuit was closed that then waited (for a slot, a rate token): null when
     * it may still go ahead; held back when the circuit opened meanwhile ({@code openedBefore}: {@link
     * #timesOpened()} before its {@link #enter()}), unless the next probe is due, which it then becomes.
     */
    JobStatusAnswer.Deferred openedSince(long openedBefore) {
        if (state != State.OPEN || opened.get() == openedBefore) return null;
        return enter();
    }

    /** What one call let through by {@link #enter()} said about the instance. */
    void record(PollOutcome outcome, String reason) {
        switch (outcome) {
            case STATUS, NOT_FOUND, UNREADABLE -> succeeded();
            case UNAVAILABLE -> failed(reason);
            case DEFERRED -> released();
            default -> {
                // 429 and rejected credentials: the instance answered, but that proves nothing about its health;
                // a probe that got one lets the next caller probe.
                released();
            }
        }
    }

    State state() {
        return state;
    }

    /** The next probe while open, else null. */
    Instant probeAt() {
        return state == State.OPEN ? Instant.ofEpochMilli(probeAtMillis) : null;
    }

    int faultsInRow() {
        return faultsInRow.get();
    }

    long timesOpened() {
        return opened.get();
    }

    private void succeeded() {
        // Read before write: at poll rates an unconditional set would bounce the counter's cache line.
        if (faultsInRow.get() != 0) faultsInRow.set(0);
        if (state == State.CLOSED) return;
        synchronized (this) {
            if (state == State.CLOSED) return;
            state = State.CLOSED;
            failedProbes = 0;
        }
        log.info("Alation instance '{}' answers again; its circuit is closed and its jobs are polled again", instance);
    }

    private void failed(String reason) {
        lastFault = reason;
        int faults = faultsInRow.incrementAndGet();
        State now = state;
        if (now == State.OPEN || (now == State.CLOSED && faults < THRESHOLD)) return;
        synchronized (this) {
            if (state == State.OPEN) return;
            boolean opening = state == State.CLOSED;
            if (opening && faultsInRow.get() < THRESHOLD) return;
            if (!opening && ++failedProbes < PROBES) {
                // The next caller probes at once.
                state = State.OPEN;
                probeAtMillis = clock.millis();
                return;
            }
            failedProbes = 0;
            // ±20 %: replicas sharing an instance do not probe in step.
            long wait = Math.round(probeWait.toMillis() * (0.8 + 0.4 * random.getAsDouble()));
            probeAtMillis = clock.millis() + Math.max(1, wait);
            state = State.OPEN;
            if (opening) {
                opened.incrementAndGet();
                log.warn(
                        "Alation instance '{}' failed {} calls in a row (last: {}); its circuit is open and one call per"
                                + " {} tests it until it answers",
                        instance,
                        faults,
                        reason,
                        Durations.text(probeWait));
            }
        }
    }

    /** A probe that learnt nothing hands the probe to the next caller. */
    private void released() {
        if (state != State.PROBING) return;
        synchronized (this) {
            if (state == State.PROBING) {
                state = State.OPEN;
                probeAtMillis = clock.millis();
            }
        }
    }
}
