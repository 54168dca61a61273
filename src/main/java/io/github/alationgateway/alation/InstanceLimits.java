package io.github.alationgateway.alation;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much one instance may be asked: a pause after Alation throttled, a cap on calls in flight and a cap on calls
 * per second. A call that cannot go ahead at once is held back with a {@code Deferred} answer after a short wait
 * at most, so that a hung instance never holds the poller's threads that other instances need.
 *
 * <p>Lock-free on the way in: a volatile read for the pause, a CAS on the semaphore, a CAS in the bucket.
 */
final class InstanceLimits {

    /** How long a call may wait for a free slot before it is deferred. */
    static final Duration SLOT_WAIT = Duration.ofMillis(50);

    /** When to try again after no slot was free: soon, the slots turn over within one request timeout. */
    static final Duration SLOT_RETRY = Duration.ofMillis(250);

    private final Clock clock;
    private final Semaphore slots;
    private final Bucket perSecond;
    private final AtomicLong pausedUntilMillis = new AtomicLong();
    private volatile int pauseCause;
    private final String slotsBusy;
    private final String rateReached;

    InstanceLimits(Clock clock, int maxConcurrentRequests, double maxRequestsPerSecond) {
        this.clock = clock;
        this.slots = new Semaphore(maxConcurrentRequests);
        this.perSecond = maxRequestsPerSecond > 0 ? bucket(clock, maxRequestsPerSecond) : null;
        this.slotsBusy = "held back: all " + maxConcurrentRequests + " request slots of the instance are busy";
        this.rateReached =
                "held back: the instance's limit of " + rate(maxRequestsPerSecond) + " requests per second is reached";
    }

    /**
     * Null when the call may go ahead, and then the caller must {@link #leave()}; otherwise why it was held back.
     */
    JobStatusAnswer.Deferred enter() {
        long pausedUntil = pausedUntilMillis.get();
        long pausedFor = pausedUntil - clock.millis();
        if (pausedFor > 0) {
            return new JobStatusAnswer.Deferred(
                    Duration.ofMillis(pausedFor),
                    "held back: Alation answered HTTP " + pauseCause + " and asked to wait; instance paused until "
                            + Instant.ofEpochMilli(pausedUntil));
        }
        if (!slots.tryAcquire() && !awaitSlot()) {
            return new JobStatusAnswer.Deferred(SLOT_RETRY, slotsBusy);
        }
        if (perSecond != null) {
            ConsumptionProbe probe = perSecond.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                slots.release();
                return new JobStatusAnswer.Deferred(
                        Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), TimeUnit.MILLISECONDS.toNanos(1))),
                        rateReached);
            }
        }
        return null;
    }

    void leave() {
        slots.release();
    }

    /**
     * Hold every call back until {@code now + wait}; a longer pause already in force stays. True when this starts
     * a pause rather than extends one, so that the pause is logged once.
     */
    boolean pause(Duration wait, int httpStatus) {
        pauseCause = httpStatus;
        long now = clock.millis();
        long before = pausedUntilMillis.getAndAccumulate(now + wait.toMillis(), Math::max);
        return before <= now;
    }

    /** The end of the current pause, or null when calls go ahead. */
    Instant pausedUntil() {
        long until = pausedUntilMillis.get();
        return until > clock.millis() ? Instant.ofEpochMilli(until) : null;
    }

    int slotsInUse(int maxConcurrentRequests) {
        return maxConcurrentRequests - slots.availablePermits();
    }

    private boolean awaitSlot() {
        try {
            return slots.tryAcquire(SLOT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Bucket4j rather than a hand-written limiter: its local bucket is lock-free and well tested, and it reads
     * time from the injected clock, so tests move time instead of sleeping. Fractional rates (0.5/s) become
     * whole tokens over a longer period.
     */
    private static Bucket bucket(Clock clock, double rate) {
        long tokens = Math.max(1, (long) Math.ceil(rate));
        Duration period = Duration.ofNanos(Math.round(tokens * 1_000_000_000d / rate));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(tokens).refillGreedy(tokens, period))
                .withCustomTimePrecision(new ClockTime(clock))
                .build();
    }

    private static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
