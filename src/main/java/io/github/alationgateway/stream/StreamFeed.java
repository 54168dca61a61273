package io.github.alationgateway.stream;

import io.github.alationgateway.events.CommitHorizon;
import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.events.StoredEvent;
import io.github.alationgateway.system.BackgroundLoop;
import io.github.alationgateway.system.BackgroundLoops;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds every stream of this replica from one thread. Each tick it moves the {@link CommitHorizon} on, reads the
 * events up to it once into a window of recent events, and hands each stream what it has not passed yet: from
 * the window when the stream is live, from the log a page at a time when it resumes from further back. A stream
 * never gets an event above the horizon, so it never passes a seq that a transaction still open could commit.
 *
 * <p>Events committed on this replica wake it at once; those of other replicas are found by reading the log every
 * {@code stream-check-interval}.
 */
@Component
class StreamFeed implements SmartLifecycle {

    static final int PAGE = 500;
    /** Events kept for live streams; a stream further behind reads the log. */
    static final int WINDOW = 5_000;
    /** A stream ended with last words its client does not read is closed after this. */
    static final Duration LAST_WORDS = Duration.ofSeconds(5);
    /** How soon the feed looks again while newer events wait for open writers: they usually end within ms. */
    static final Duration RECHECK = Duration.ofMillis(25);

    private final CommitHorizon horizon;
    private final EventLog log;
    private final OpenStreams streams;
    private final StreamProperties settings;
    private final BackgroundLoops loops;
    private final JsonMapper json;
    private final Clock clock;

    private final NavigableMap<Long, FeedEvent> window = new TreeMap<>();
    /** The window holds every event with a seq above this and at most {@link #readUpTo}. */
    private long windowFloor;
    /** Where the feed has read to: the horizon, once it is known; -1 before. */
    private volatile long readUpTo = -1;

    private final AtomicLong ticks = new AtomicLong();
    private volatile BackgroundLoop loop;
    private AutoCloseable wakeOnAppend;

    StreamFeed(
            CommitHorizon horizon,
            EventLog log,
            OpenStreams streams,
            StreamProperties settings,
            BackgroundLoops loops,
            JsonMapper json,
            Clock clock) {
        this.horizon = horizon;
        this.log = log;
        this.streams = streams;
        this.settings = settings;
        this.loops = loops;
        this.json = json;
        this.clock = clock;
    }

    /** Where a stream without a resume point starts: -1 while the feed does not know yet (it sets it later). */
    long position() {
        return readUpTo;
    }

    /** Ticks done so far; tests wait on it instead of sleeping. */
    long ticks() {
        return ticks.get();
    }

    void wake() {
        BackgroundLoop running = loop;
        if (running != null) running.wake();
    }

    /** One pass: move the horizon, read up to it, feed every stream. Called from the feed's thread only. */
    void tick() {
        List<EventStream> open = streams.all();
        long safe = horizon.advance();
        if (safe >= 0) {
            if (readUpTo < 0) {
                // History is read by the streams that resume into it, not loaded into the window at start.
                windowFloor = safe;
                readUpTo = safe;
            } else if (safe > readUpTo) {
                if (open.isEmpty()) skip(safe);
                else read(safe);
            }
        }
        Instant now = clock.instant();
        for (EventStream stream : open) feed(stream, now);
        ticks.incrementAndGet();
    }

    /**
     * With no stream open, nothing reads the window: the feed moves past the new events without reading and parsing
     * them (a sixth of the CPU of batch registration went there). A stream that opens later starts at the
     * position, live, or resumes from the log, as one behind the window always does.
     */
    private void skip(long safe) {
        window.clear();
        windowFloor = safe;
        readUpTo = safe;
    }

    private void read(long safe) {
        long from = readUpTo;
        while (from < safe) {
            List<StoredEvent> page = log.between(from, safe, PAGE);
            for (StoredEvent event : page) window.put(event.seq(), FeedEvent.of(event, json));
            from = page.size() < PAGE ? safe : page.get(page.size() - 1).seq();
        }
        readUpTo = safe;
        while (window.size() > WINDOW) windowFloor = window.pollFirstEntry().getKey();
    }

    private void feed(EventStream stream, Instant now) {
        stream.abandonIfStuck(now, LAST_WORDS);
        stream.cutOffIfStalled(now, settings.pingInterval());
        stream.endIfLeaseOver(now);
        if (!stream.isOpen() || readUpTo < 0) return;
        if (stream.cursor() < 0) stream.passed(readUpTo);
        int sent = stream.cursor() >= windowFloor
                ? send(stream, window.tailMap(stream.cursor(), false).values(), readUpTo, now)
                : catchUp(stream, now);
        streams.sent(sent);
        if (stream.quietSince(now.minus(settings.pingInterval()))) stream.send(FeedEvent.comment("ping"), now);
    }

    /**
     * Sends the events a stream wants, in order, until its queue is full; the stream passes each event it was
     * given, and {@code upTo} once it was given all of them. Answers how many it sent.
     */
    private static int send(EventStream stream, Iterable<FeedEvent> events, long upTo, Instant now) {
        int sent = 0;
        for (FeedEvent event : events) {
            if (stream.full()) return sent;
            if (stream.filter.matches(event)) {
                if (!stream.send(event.frame(), now)) return sent;
                sent++;
            }
            stream.passed(event.seq());
        }
        stream.passed(upTo);
        return sent;
    }

    /** A page of the log for a stream behind the window, which it then catches up with. */
    private int catchUp(EventStream stream, Instant now) {
        if (stream.full()) return 0;
        long upTo = Math.min(readUpTo, windowFloor);
        List<StoredEvent> page = log.between(stream.cursor(), upTo, PAGE);
        List<FeedEvent> events =
                page.stream().map(event -> FeedEvent.of(event, json)).toList();
        long reached = page.size() < PAGE ? upTo : page.get(page.size() - 1).seq();
        return send(stream, events, reached, now);
    }

    @Override
    public void start() {
        loop = loops.start("event-streams", () -> {
            tick();
            Duration interval = settings.streamCheckInterval();
            return horizon.waiting() && RECHECK.compareTo(interval) < 0 ? RECHECK : interval;
        });
        wakeOnAppend = log.onAppend(this::wake);
    }

    @Override
    public void stop() {
        try {
            if (wakeOnAppend != null) wakeOnAppend.close();
        } catch (Exception e) {
            // only removes a listener
        }
        BackgroundLoop running = loop;
        if (running != null) running.stop(Duration.ofSeconds(5));
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
