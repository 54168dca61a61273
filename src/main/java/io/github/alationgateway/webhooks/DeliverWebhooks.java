package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.events.StoredEvent;
import io.github.alationgateway.system.BackgroundLoop;
import io.github.alationgateway.system.BackgroundLoops;
import io.github.alationgateway.system.LogSafe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    /** Answers written in one statement at most; more wait for the next pass, which follows at once. */
    private static final int WRITE_BATCH = 200;
    /** The writer is woken by each answer; the rest only bounds a missed wake-up. */
    private static final Duration WRITER_REST = Duration.ofSeconds(1);

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
    private final Map<String, ReceiverLane> lanes = new ConcurrentHashMap<>();
    private final Queue<DecideDelivery.Decided> results = new ConcurrentLinkedQueue<>();

    private volatile boolean running;
    private volatile BackgroundLoop claimLoop;
    private volatile BackgroundLoop writeLoop;
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
        // Eight rounds of sends claimed ahead: enough that a claim is one statement for many deliveries, few enough
        // that a slow receiver's waiting deliveries go out before their lease runs out.
        receivers
                .all()
                .forEach(r -> lanes.put(
                        r.name(),
                        new ReceiverLane(r.maxConcurrent(), Math.min(settings.batchSize(), r.maxConcurrent() * 8))));
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
        writeLoop = loops.start("webhook-results", this::writeSome);
        claimLoop = loops.start("webhook-claims", this::claimSome);
        log.info("Webhook sender {} started for {}", owner, receivers.all());
    }

    /** Looks for due deliveries now instead of after the idle wait. */
    void wake() {
        BackgroundLoop loop = claimLoop;
        if (loop != null) loop.wake();
    }

    /** One round: tops up each receiver's lane; rests for the idle wait when there was nothing to claim. */
    private Duration claimSome() {
        Instant now = clock.instant();
        Map<String, EndpointStates.State> known = states.all();
        boolean claimed = false;
        for (Receiver receiver : receivers.all()) {
            ReceiverLane lane = lanes.get(receiver.name());
            EndpointStates.State state = known.get(receiver.name());
            if (state != null && (state.disabled() || state.pausedAt(now))) {
                lane.dropWaiting();
                continue;
            }
            if (lane.wantsMore()) {
                List<Delivery> due = claims.claim(
                        receiver.name(),
                        owner,
                        now,
                        now.plus(lease(settings)),
                        Math.min(lane.room(), settings.batchSize()));
                if (!due.isEmpty()) {
                    claimed = true;
                    Map<String, StoredEvent> bodies = events.byIds(
                            due.stream().map(Delivery::eventId).distinct().toList());
                    for (Delivery delivery : due)
                        lane.add(new ReceiverLane.Claimed(delivery, bodies.get(delivery.eventId())));
                }
            }
            sendWaiting(receiver, lane);
        }
        return claimed ? Duration.ZERO : settings.idleWait();
    }

    /** Starts as many waiting deliveries as the receiver's {@code max-concurrent} allows. */
    private void sendWaiting(Receiver receiver, ReceiverLane lane) {
        ReceiverLane.Claimed next;
        while ((next = lane.next()) != null) {
            ReceiverLane.Claimed claimed = next;
            workers.execute(() -> deliver(receiver, lane, claimed));
        }
    }

    private void deliver(Receiver receiver, ReceiverLane lane, ReceiverLane.Claimed claimed) {
        Delivery delivery = claimed.delivery();
        try {
            if (!running) return; // its lease runs out and it is sent after the restart, by whichever replica
            // Waited so long that the lease would run out mid-call: another replica may take it meanwhile, so it
            // is left to the next claim rather than sent twice at once.
            if (clock.instant().plus(settings.timeout()).isAfter(delivery.nextAttemptAt())) return;
            SendWebhook.Answer answer = send(receiver, claimed);
            DecideDelivery.Decided decided = decide.decide(receiver, delivery, answer);
            if (!receiver.isCallbacks()
                    && (answer instanceof SendWebhook.Answer.Gone || answer instanceof SendWebhook.Answer.Throttled)) {
                lane.dropWaiting(); // the endpoint waits now; what was claimed ahead waits with it
            }
            results.add(decided);
            BackgroundLoop writer = writeLoop;
            if (writer != null) writer.wake();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not deliver {} of event {} to '{}'; it is sent again after its lease: {}",
                    delivery.id(),
                    delivery.eventId(),
                    LogSafe.of(receiver.name()),
                    LogSafe.of(e));
        } finally {
            lane.sent();
            if (running) {
                sendWaiting(receiver, lane);
                if (lane.wantsMore()) wake();
            }
        }
    }

    private SendWebhook.Answer send(Receiver receiver, ReceiverLane.Claimed claimed) {
        Delivery delivery = claimed.delivery();
        if (claimed.event() == null) return new SendWebhook.Answer.Failed(null, "the event is no longer retained");
        if (receiver.secret() == null) {
            return new SendWebhook.Answer.Failed(null, "gateway.webhooks.callback-secret is not set");
        }
        URI url = receiver.isCallbacks() ? URI.create(delivery.url()) : receiver.url();
        return send.send(
                url, receiver.secret(), delivery.eventId(), claimed.event().json());
    }

    /**
     * Writes the answers gathered since the last pass in one batch. If the database refuses, they are lost here
     * and their deliveries are sent again after their lease, with the same webhook-id: at least once, as promised.
     */
    private Duration writeSome() {
        List<DecideDelivery.Decided> batch = new ArrayList<>();
        DecideDelivery.Decided next;
        while (batch.size() < WRITE_BATCH && (next = results.poll()) != null) batch.add(next);
        if (batch.isEmpty()) return WRITER_REST;
        decide.record(batch);
        return Duration.ZERO;
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
            // The answers already received are written before the writer stops, so they are not sent again.
            BackgroundLoop writer = writeLoop;
            if (writer != null) {
                writer.stop(settings.timeout());
                writeSome();
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
