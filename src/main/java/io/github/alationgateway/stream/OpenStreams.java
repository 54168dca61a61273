package io.github.alationgateway.stream;

import io.github.alationgateway.system.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The open streams of this replica, within their bounds: {@code max-streams} in all and {@code max-streams-per-key}
 * for one API key. On shutdown each is ended with a comment, before the web server stops taking requests, so that
 * clients reconnect to another replica.
 */
@Component
class OpenStreams implements SmartLifecycle {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final StreamProperties settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Counter sent;
    private volatile boolean running;

    OpenStreams(StreamProperties settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("gateway.streams.open", total, AtomicInteger::get)
                .description("Event streams open on this replica")
                .register(meters);
        this.sent = Counter.builder("gateway.streams.events")
                .description("Events written to streams (one per stream that got it)")
                .register(meters);
    }

    /** Takes a place for a new stream of {@code key}, or answers 429 when this replica or the key has none left. */
    void admit(String key) {
        if (!running) {
            throw Problems.serviceUnavailable("The gateway is shutting down; connect to another replica");
        }
        if (total.incrementAndGet() > settings.maxStreams()) {
            total.decrementAndGet();
            refused("replica");
            throw Problems.tooManyRequests("This replica has " + settings.maxStreams()
                    + " streams open (gateway.events.max-streams); try again later or another replica");
        }
        AtomicInteger mine = perKey.computeIfAbsent(key, k -> new AtomicInteger());
        if (mine.incrementAndGet() > settings.maxStreamsPerKey()) {
            mine.decrementAndGet();
            total.decrementAndGet();
            refused("key");
            throw Problems.tooManyRequests("The API key '" + key + "' has " + settings.maxStreamsPerKey()
                    + " streams open on this replica (gateway.events.max-streams-per-key); close one first");
        }
    }

    /** Gives back a place taken by {@link #admit} for a stream that did not open. */
    void release(String key) {
        total.decrementAndGet();
        AtomicInteger mine = perKey.get(key);
        if (mine != null) mine.decrementAndGet();
    }

    void add(EventStream stream) {
        open.add(stream);
    }

    void ended(EventStream stream, EventStream.End why) {
        if (open.remove(stream)) release(stream.key);
        Counter.builder("gateway.streams.closed")
                .description("Streams closed, by why: client, slow, shutdown or lease")
                .tag("why", why.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters)
                .increment();
    }

    List<EventStream> all() {
        return List.copyOf(open);
    }

    int count() {
        return total.get();
    }

    void sent(int events) {
        if (events > 0) sent.increment(events);
    }

    private void refused(String why) {
        Counter.builder("gateway.streams.refused")
                .description("Streams refused by a bound: replica or key")
                .tag("why", why)
                .register(meters)
                .increment();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream with a comment and gives their clients a moment to read it. */
    @Override
    public void stop() {
        running = false;
        Instant now = clock.instant();
        for (EventStream stream : all()) stream.end(EventStream.End.SHUTDOWN, EventStream.SHUTTING_DOWN, now);
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Instant late = clock.instant().plus(SHUTDOWN_GRACE).plusSeconds(1);
        for (EventStream stream : all()) stream.abandonIfStuck(late, SHUTDOWN_GRACE);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
