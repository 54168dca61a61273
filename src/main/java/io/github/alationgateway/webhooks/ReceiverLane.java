package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.StoredEvent;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One receiver's deliveries on this replica: those claimed ahead and waiting, and how many are being sent. Claiming
 * a batch ahead costs one statement for many deliveries instead of one each, while at most {@code max-concurrent}
 * are in flight to the receiver. The claimed-ahead ones hold their lease while they wait; whatever is dropped here
 * is simply claimed again once that lease runs out.
 */
final class ReceiverLane {

    /** A claimed delivery with the event it carries (null once the event is no longer retained). */
    record Claimed(Delivery delivery, StoredEvent event) {}

    private final int maxConcurrent;
    private final int capacity;
    private final Deque<Claimed> waiting = new ArrayDeque<>();
    private int sending;

    /** Keeps up to {@code claimAhead} deliveries waiting beyond those in flight. */
    ReceiverLane(int maxConcurrent, int claimAhead) {
        this.maxConcurrent = maxConcurrent;
        this.capacity = maxConcurrent + claimAhead;
    }

    /** How many more deliveries this lane takes now. */
    synchronized int room() {
        return capacity - waiting.size() - sending;
    }

    /** Worth a claim: a quarter of the lane is free, so that claims come in batches, not one by one. */
    synchronized boolean wantsMore() {
        return capacity - waiting.size() - sending >= Math.max(1, capacity / 4);
    }

    synchronized void add(Claimed claimed) {
        waiting.addLast(claimed);
    }

    /** The next delivery to send, counted as in flight, or null when none waits or the receiver has enough. */
    synchronized Claimed next() {
        if (sending >= maxConcurrent || waiting.isEmpty()) return null;
        sending++;
        return waiting.pollFirst();
    }

    /** A delivery taken with {@link #next()} is no longer in flight. */
    synchronized void sent() {
        sending--;
    }

    /**
     * Forgets the deliveries waiting (the receiver asked for a pause or went away): they stay pending in the
     * database and are claimed again after their lease, when the endpoint takes deliveries again.
     */
    synchronized void dropWaiting() {
        waiting.clear();
    }

    synchronized int sending() {
        return sending;
    }
}
