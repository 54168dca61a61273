package io.github.alationgateway.events;

import org.springframework.stereotype.Component;

/**
 * The highest seq below which the event log is final: every event with a seq at or below it that will ever commit
 * has committed. A reader that never reads past it never skips an event committed late with a lower seq (seq
 * follows insertion, and two transactions may commit in the other order).
 *
 * <p>How: read the highest committed seq {@code m}, then take a {@link OpenWriters#marker()}. Every transaction
 * holding a seq below {@code m} drew it before {@code m} was drawn, so before the marker; once every writer below
 * the marker has ended, {@code m} is final. It keeps the reader's state: call it from one thread
 * (the stream's feed).
 */
@Component
public class CommitHorizon {

    private final EventLog log;
    private final OpenWriters writers;
    private long safe = -1;
    private long pendingSeq;
    private long pendingMarker = -1;

    CommitHorizon(EventLog log, OpenWriters writers) {
        this.log = log;
        this.writers = writers;
    }

    /**
     * Moves the horizon on as far as it safely can and answers it; -1 until it is first known (a write transaction
     * open at the start).
     */
    public long advance() {
        if (pendingMarker >= 0 && writers.finishedBefore(pendingMarker)) settle();
        if (pendingMarker < 0) {
            long latest = log.latestSeq();
            if (latest <= safe) return safe;
            pendingSeq = latest;
            pendingMarker = writers.marker();
            if (writers.finishedBefore(pendingMarker)) settle();
        }
        return safe;
    }

    /** Whether a newer seq waits for open writers to end: worth looking again soon, it costs one small query. */
    public boolean waiting() {
        return pendingMarker >= 0;
    }

    private void settle() {
        safe = Math.max(safe, pendingSeq);
        pendingMarker = -1;
    }
}
