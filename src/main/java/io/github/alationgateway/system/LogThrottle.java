package io.github.alationgateway.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets one log line through per period; the rest are logged at debug level by the caller. */
final class LogThrottle {

    private final long periodNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    LogThrottle(Duration period) {
        this.periodNanos = period.toNanos();
    }

    boolean tryAcquire() {
        long now = System.nanoTime();
        long due = next.get();
        return (due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + periodNanos);
    }
}
