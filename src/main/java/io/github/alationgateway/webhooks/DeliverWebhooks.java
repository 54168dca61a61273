package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.events.StoredEvent;
import io.github.alationgateway.system.BackgroundLoop;
import io.github.alationgateway.system.BackgroundLoops;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The webhook sender of one replica: claim due deliveries of each receiver with a lease, send them with no
 * transaction open, write each result guarded by the claim. At most {@code max-concurrent} deliveries per
 * receiver are in flight on this replica. Events committed here wake it at once; those of other replicas are
 * found within {@code idle-wait}.
 */
final class DeliverWebhooks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverWebhooks.class);

    /**
     * How long a claim holds: twice the request timeout and some, so that a slow but live attempt is not taken
     * over while it runs; a replica that died holds its deliveries this long before another sends them.
     */
    static Duration lease(WebhookProperties settings) {
        return settings.timeout().multipliedBy(2).plusSeconds(5);
    }

    private final WebhookProperties settings;
    private final Receivers receivers;
    private final DeliveryClaims claims;
    private final EventLog events;
    private final DecideDelivery decide;
    private final EndpointStates states;
    private final SendWebhook send;
    private final Clock clock;
    private final String owner;
    private final BackgroundLoops loops;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile BackgroundLoop claimLoop;
    private ExecutorService workers;
    private AutoCloseable subscription;

    DeliverWebhooks(
            WebhookProperties settings,
            Receivers receivers,
            DeliveryClaims claims,
            EventLog events,
            DecideDelivery decide,
            EndpointStates states,
            SendWebhook send,
            Clock clock,
            String owner,
            BackgroundLoops loops) {
        this.settings = settings;
        this.receivers = receivers;
        this.claims = claims;
        this.events = events;
        this.decide = decide;
        this.states = states;
        this.send = send;
        this.clock = clock;
        this.owner = owner;
        this.loops = loops;
        receivers.all().forEach(r -> inFlight.put(r.name(), new AtomicInteger()));
    }

    @Override
    public void start() {
        running = true;
        if (receivers.all().isEmpty()) return; // nothing to send: no loop, no queries
        states.ensure(receivers.all().stream().map(Receiver::name).toList());
        int threads = Math.max(
                1, receivers.all().stream().mapToInt(Receiver::maxConcurrent).sum());
        workers = Executors.newFixedThreadPool(threads, new CustomizableThreadFactory("webhook-"));
        subscription = events.onAppend(this::wake);
        // Under the loops' guard: whatever a round throws (a database away, a bug) is counted and retried after a
        // backoff; the sender never stops for good while the replica lives.
        claimLoop = loops.start("webhook-claims", this::claimSome);
        log.info("Webhook sender {} started for {}", owner, receivers.all());
    }

    /** Looks for due deliveries now instead of after the idle wait. */
    void wake() {
        BackgroundLoop loop = claimLoop;
        if (loop != null) loop.wake();
    }

    /** One round: claims what each receiver has room for; rests for the idle wait when there was nothing. */
    private Duration claimSome() {
        return claimRound() ? Duration.ZERO : settings.idleWait();
    }

    private boolean claimRound() {
        Instant now = clock.instant();
        Map<String, EndpointStates.State> known = states.all();
        boolean claimed = false;
        for (Receiver receiver : receivers.all()) {
            EndpointStates.State state = known.get(receiver.name());
            if (state != null && (state.disabled() || state.pausedAt(now))) continue;
            AtomicInteger busy = inFlight.get(receiver.name());
            int free = receiver.maxConcurrent() - busy.get();
            if (free <= 0) continue;
            List<Delivery> due = claims.claim(
                    receiver.name(), owner, now, now.plus(lease(settings)), Math.min(free, settings.batchSize()));
            if (due.isEmpty()) continue;
            claimed = true;
            Map<String, StoredEvent> bodies =
                    events.byIds(due.stream().map(Delivery::eventId).distinct().toList());
            for (Delivery delivery : due) {
                busy.incrementAndGet();
                StoredEvent event = bodies.get(delivery.eventId());
                workers.execute(() -> deliver(receiver, delivery, event));
            }
        }
        return claimed;
    }

    private void deliver(Receiver receiver, Delivery delivery, StoredEvent event) {
        try {
            if (!running) return; // its lease runs out and it is sent after the restart, by whichever replica
            SendWebhook.Answer answer;
            if (event == null) {
                answer = new SendWebhook.Answer.Failed(null, "the event is no longer retained");
            } else if (receiver.secret() == null) {
                answer = new SendWebhook.Answer.Failed(null, "gateway.webhooks.callback-secret is not set");
            } else {
                URI url = receiver.isCallbacks() ? URI.create(delivery.url()) : receiver.url();
                answer = send.send(url, receiver.secret(), delivery.eventId(), event.json());
            }
            decide.record(receiver, delivery, answer);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record delivery {} of event {} to '{}'; it is sent again after its lease: {}",
                    delivery.id(),
                    delivery.eventId(),
                    receiver.name(),
                    e.toString());
        } finally {
            inFlight.get(receiver.name()).decrementAndGet();
            wake();
        }
    }

    @Override
    public void stop() {
        running = false;
        wake();
        try {
            if (subscription != null) subscription.close();
            BackgroundLoop loop = claimLoop;
            if (loop != null) loop.stop(settings.timeout());
            if (workers == null) return;
            workers.shutdown();
            if (!workers.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Stopping the webhook sender: {}", e.toString());
        }
        claimLoop = null;
        log.info("Webhook sender {} stopped", owner);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
