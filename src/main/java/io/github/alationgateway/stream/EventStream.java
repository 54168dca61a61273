package io.github.alationgateway.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One open stream. Frames are written with the servlet's non-blocking output: the feed thread queues them and
 * writes what the socket takes; the container calls {@link #onWritePossible()} when it takes more. No thread waits
 * on a slow client: its frames wait in the queue. The feed queues no more once the queue holds the bound (so a
 * burst to a fast client is paced, not dropped); a client that leaves it full for a whole ping interval is too
 * slow, and is cut off with a final comment. It resumes from the last id it read.
 *
 * <p>Queue and output are touched only under this object's lock: by the feed thread and by container threads.
 */
final class EventStream implements WriteListener {

    enum End {
        /** The client went away, or its connection failed. */
        CLIENT,
        /** It read too slowly. */
        SLOW,
        /** This replica is stopping. */
        SHUTDOWN,
        /** Its {@link StreamLease} ran out: the client must authenticate again to go on. */
        LEASE
    }

    /** What a stream was opened for: its filter, the key it counts against, and how long it may stay open. */
    record Terms(StreamFilter filter, String key, StreamLease lease) {}

    static final byte[] CUT_OFF = FeedEvent.comment(
            "cut off: this client reads too slowly; reconnect with Last-Event-ID to resume where it left off");
    static final byte[] SHUTTING_DOWN = FeedEvent.comment(
            "the gateway is shutting down; reconnect with Last-Event-ID to resume on another replica");
    static final byte[] LEASE_OVER =
            FeedEvent.comment("the sign-in behind this stream ended or is due to be checked again; reconnect"
                    + " with Last-Event-ID, signed in, to resume");

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final long bound;
    private final Consumer<End> ended;
    final StreamFilter filter;
    final String key;
    private final StreamLease lease;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queued;
    private boolean flushed = true;
    private End ending;
    private Instant endingSince;
    private boolean finished;
    /** Whether {@code ended} was told, which happens once. */
    private boolean reported;

    private Instant lastSent;
    /** Since when the queue has held the bound or more; null while it holds less. */
    private Instant fullSince;

    /** The last seq this stream has passed (sent or filtered out); -1 until the feed gives it its start. */
    private long cursor;

    EventStream(
            AsyncContext async,
            ServletOutputStream out,
            Terms terms,
            long cursor,
            long bound,
            Instant now,
            Consumer<End> ended) {
        this.async = async;
        this.out = out;
        this.filter = terms.filter();
        this.key = terms.key();
        this.lease = terms.lease();
        this.cursor = cursor;
        this.bound = bound;
        this.lastSent = now;
        this.ended = ended;
    }

    long cursor() {
        return cursor;
    }

    void passed(long seq) {
        cursor = Math.max(cursor, seq);
    }

    /** Queues a frame and writes what the client takes now; false once the stream is ending. */
    synchronized boolean send(byte[] frame, Instant now) {
        if (ending != null || finished) return false;
        queue.add(frame);
        queued += frame.length;
        lastSent = now;
        drain();
        if (queued >= bound && fullSince == null) fullSince = now;
        return true;
    }

    /** Whether the queue holds the bound: the feed sends nothing more until the client has taken some. */
    synchronized boolean full() {
        return queued >= bound;
    }

    /** Bytes queued and not yet taken by the client. */
    synchronized long backlog() {
        return queued;
    }

    /**
     * Cuts the stream off if its client has left the queue full for {@code limit}: the frames it did not take are
     * dropped, and a comment tells it to resume.
     */
    synchronized void cutOffIfStalled(Instant now, java.time.Duration limit) {
        if (fullSince == null
                || ending != null
                || finished
                || fullSince.plus(limit).isAfter(now)) return;
        queue.clear();
        queued = 0;
        end(End.SLOW, CUT_OFF, now);
        // The comment goes out only once the client reads again (the server's write stays pending until then), so
        // the stream counts as closed now. A client that never reads loses the connection to the idle timeout.
        report();
    }

    /** Ends the stream once its lease no longer holds, telling the client to reconnect. */
    void endIfLeaseOver(Instant now) {
        if (isOpen() && !lease.holds(now)) end(End.LEASE, LEASE_OVER, now);
    }

    synchronized boolean quietSince(Instant since) {
        return !lastSent.isAfter(since);
    }

    /** Ends the stream with a last comment, written before the connection closes. */
    synchronized void end(End why, byte[] lastWords, Instant now) {
        if (ending != null || finished) return;
        ending = why;
        endingSince = now;
        queue.add(lastWords);
        queued += lastWords.length;
        drain();
    }

    /** Closes a stream whose last words a client has left unread for too long. */
    synchronized void abandonIfStuck(Instant now, java.time.Duration grace) {
        if (ending != null && !finished && endingSince.plus(grace).isBefore(now)) finish();
    }

    synchronized boolean isOpen() {
        return ending == null && !finished;
    }

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    @Override
    public synchronized void onError(Throwable t) {
        if (ending == null) ending = End.CLIENT;
        finish();
    }

    /** Called by the container when the request is over, however it ended. */
    synchronized void closed() {
        if (ending == null) ending = End.CLIENT;
        if (!finished) {
            finished = true;
            report();
        }
    }

    private void report() {
        if (reported) return;
        reported = true;
        ended.accept(ending);
    }

    /**
     * Writes while the output takes it. Returns only once isReady() said false (the container then calls back) or
     * everything is written and flushed.
     */
    private void drain() {
        if (finished) return;
        try {
            while (out.isReady()) {
                byte[] next = queue.poll();
                if (next == null) {
                    if (!flushed) {
                        out.flush();
                        flushed = true;
                        continue;
                    }
                    if (ending != null) finish();
                    return;
                }
                queued -= next.length;
                if (queued < bound) fullSince = null;
                out.write(next);
                flushed = false;
            }
        } catch (IOException | IllegalStateException e) {
            if (ending == null) ending = End.CLIENT;
            finish();
        }
    }

    private void finish() {
        if (finished) return;
        queue.clear();
        queued = 0;
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (the client went away)
        }
        closed();
    }
}
