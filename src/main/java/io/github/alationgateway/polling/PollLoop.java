package io.github.alationgateway.polling;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.JobStatusAnswer;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.Outcome;
import io.github.alationgateway.store.Outcomes;
import io.github.alationgateway.system.BackgroundLoop;
import io.github.alationgateway.system.BackgroundLoops;
import io.github.alationgateway.system.LogSafe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The poller of one replica, in three short steps per job: claim due jobs in one short transaction; call
 * Alation with no transaction open; record the outcome in a second short transaction, guarded by version and
 * lease owner. At most {@code max-in-flight} jobs are claimed and not yet recorded at any time, so a slow
 * Alation never makes this replica sit on leases it cannot serve.
 */
final class PollLoop implements SmartLifecycle, PollTrigger {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

    private final PollProperties settings;
    private final JobClaims claims;
    private final Outcomes outcomes;
    private final AlationClient alation;
    private final DecideOutcome decide;
    private final FollowUps followUps;
    private final Clock clock;
    private final String owner;
    private final Timer lag;
    private final BackgroundLoops loops;

    private final Semaphore slots;
    /** Free slots that wake a claim thread waiting for slots: claiming one job per freed slot costs a statement each. */
    private final int wakeAt;

    private final Map<String, ClaimedJob> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean waitingForSlots;
    /** Set when stopping: polls not yet sent are not sent, and their claims are handed back. */
    private volatile boolean stopping;
    /** Set when polls outlived the stop's grace: their answers are no longer written, their claims handed back. */
    private volatile boolean abandoned;

    /** The whole of {@link #stop()}: Spring gives a lifecycle phase this long before it moves on regardless. */
    private volatile Duration stopWithin = Duration.ofSeconds(30);

    private volatile BackgroundLoop claimLoop;
    private ExecutorService workers;
    private WriteOutcomes writer;
    private BackgroundLoop writerLoop;

    PollLoop(
            PollProperties settings,
            JobClaims claims,
            Outcomes outcomes,
            AlationClient alation,
            DecideOutcome decide,
            FollowUps followUps,
            Clock clock,
            String owner,
            MeterRegistry meters) {
        this(settings, claims, outcomes, alation, decide, followUps, clock, owner, meters, new BackgroundLoops(meters));
    }

    PollLoop(
            PollProperties settings,
            JobClaims claims,
            Outcomes outcomes,
            AlationClient alation,
            DecideOutcome decide,
            FollowUps followUps,
            Clock clock,
            String owner,
            MeterRegistry meters,
            BackgroundLoops loops) {
        this.loops = loops;
        this.settings = settings;
        this.claims = claims;
        this.outcomes = outcomes;
        this.alation = alation;
        this.decide = decide;
        this.followUps = followUps;
        this.clock = clock;
        this.owner = owner;
        this.slots = new Semaphore(settings.maxInFlight());
        this.wakeAt = Math.max(1, Math.min(settings.batchSize(), settings.maxInFlight()) / 8);
        this.lag = Timer.builder("gateway.poll.lag")
                .description("Time from a job being due to it being claimed for a poll")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public void start() {
        workers = new ThreadPoolExecutor(
                settings.maxInFlight(),
                settings.maxInFlight(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new CustomizableThreadFactory("poll-"));
        writer = new WriteOutcomes(outcomes);
        writerLoop = loops.start("poll-outcomes", writer::writeSome);
        running = true;
        claimLoop = loops.start("poll-claims", this::claimSome);
        log.info(
                "Poller {} started: up to {} jobs in flight, polled every {} to {}",
                owner,
                settings.maxInFlight(),
                settings.interval(),
                settings.maxInterval());
    }

    /** {@code spring.lifecycle.timeout-per-shutdown-phase}; a container's grace period must cover it. */
    void stopWithin(Duration budget) {
        this.stopWithin = budget;
    }

    @Override
    public void jobsDue() {
        BackgroundLoop loop = claimLoop;
        if (loop != null) loop.wake();
    }

    /**
     * One pass of the claim loop: claims as many due jobs as there are free slots and hands them to the workers.
     * Whatever fails here reaches the loop's guard, which counts it, backs off and claims again.
     */
    private Duration claimSome() {
        waitingForSlots = false;
        int free = slots.availablePermits();
        if (free < wakeAt) {
            waitingForSlots = true;
            // Re-read after raising the flag: a slot freed in between would otherwise not wake us.
            if (slots.availablePermits() < wakeAt) return settings.idleWait();
            waitingForSlots = false;
            free = slots.availablePermits();
        }
        int wanted = Math.min(free, settings.batchSize());
        Instant now = clock.instant();
        List<ClaimedJob> claimed = claims.claimDue(owner, now, now.plus(settings.lease()), wanted);
        for (ClaimedJob claim : claimed) {
            slots.acquireUninterruptibly();
            inFlight.put(claim.job().id(), claim);
            if (claim.dueAt() != null)
                lag.record(Duration.between(claim.dueAt(), now).abs());
            workers.execute(() -> poll(claim));
        }
        return claimed.size() < wanted ? settings.idleWait() : Duration.ZERO;
    }

    private void poll(ClaimedJob claim) {
        MDC.put("job_id", claim.job().id());
        MDC.put("instance", claim.job().instance());
        try {
            // Stopping: a claim not yet sent to Alation is handed back by stop(), not polled.
            if (stopping) return;
            // A pause (GC, SIGSTOP) between reading the clock and claiming, or before this call, can leave a lease
            // too short to cover the call; another replica may claim the job meanwhile. Leave it to that one.
            if (!clock.instant()
                    .plus(settings.requestTimeout())
                    .isBefore(claim.job().nextPollAt())) {
                log.warn(
                        "Skipped the poll of job {}: its lease runs out before a call could end; it is due again",
                        claim.job().id());
                done(claim);
                return;
            }
            JobStatusAnswer answer =
                    alation.fetchStatus(claim.job().instance(), claim.job().alationRef());
            // The answer came after stop() gave up waiting: the claim is handed back instead, so write nothing.
            if (abandoned) return;
            Instant now = clock.instant();
            Decision decision = decide.decide(claim, answer, now);
            Outcome outcome = decision.outcome();
            if (decision.followUpAlationJobId().isPresent()) {
                var logs = new ArrayList<>(outcome.logs());
                logs.add(
                        logs.size() - 1,
                        followUps.register(
                                claim.job(), decision.followUpAlationJobId().getAsLong(), now));
                outcome = withLogs(outcome, logs);
            }
            Outcome recorded = outcome;
            // Said once written: a replica that woke after its lease ran out decided too, but its write is refused.
            Runnable ended = recorded.finishedAt() == null
                    ? () -> {}
                    : () -> log.info(
                            "Job {} (Alation {}) ended {}",
                            claim.job().id(),
                            LogSafe.of(claim.job().alationRef()),
                            recorded.status().wire());
            writer.submit(outcome, ended, () -> done(claim));
        } catch (RuntimeException e) {
            if (abandoned) return;
            // The lease runs out and the job is polled again: nothing is lost, but say what happened.
            log.error(
                    "Poll of job {} failed unexpectedly; it will be polled again when its lease runs out",
                    claim.job().id(),
                    e);
            done(claim);
        } finally {
            MDC.remove("job_id");
            MDC.remove("instance");
        }
    }

    private void done(ClaimedJob claim) {
        // Not remove(id): after a skipped poll the same job may already be claimed again under a newer version.
        inFlight.remove(claim.job().id(), claim);
        slots.release();
        if (waitingForSlots && slots.availablePermits() >= wakeAt) jobsDue();
    }

    private static Outcome withLogs(Outcome o, List<Outcome.LogLine> logs) {
        return new Outcome(
                o.jobId(),
                o.version(),
                o.leaseOwner(),
                o.status(),
                o.alationStatus(),
                o.statusReason(),
                o.msg(),
                o.rawResult(),
                o.polledAt(),
                o.failureCount(),
                o.lastError(),
                o.nextPollAt(),
                o.finishedAt(),
                logs,
                o.rawResultTruncated());
    }

    /**
     * Stops claiming, lets the polls under way finish (a call lasts at most the request timeout) and be written,
     * and hands back the leases of the rest: claims not yet sent to Alation, and calls that outlived the timeout.
     * Another replica then polls those jobs at once instead of after the lease.
     */
    @Override
    public void stop() {
        if (!running) return;
        running = false;
        stopping = true;
        // Every wait below fits in stopWithin, less a share kept for handing the claims back: the claim loop, the
        // calls under way and the writer used to be allowed a lease, a request timeout and 10 s, longer than a
        // shutdown phase, and Spring would then move on and close the pool under a stop still at work.
        long deadline = System.nanoTime() + stopWithin.toNanos();
        long handBack = Math.min(stopWithin.toNanos() / 4, Duration.ofSeconds(5).toNanos());
        long waitsEnd = deadline - handBack;
        claimLoop.stop(until(waitsEnd, settings.lease()));
        try {
            workers.shutdown();
            Duration calls = until(waitsEnd, settings.requestTimeout().plusSeconds(1));
            if (!workers.awaitTermination(calls.toNanos(), TimeUnit.NANOSECONDS)) {
                abandoned = true;
                workers.shutdownNow();
            }
            if (writerLoop.stop(until(waitsEnd, Duration.ofSeconds(10)))) writer.writeRest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ClaimedJob> unfinished = new ArrayList<>(inFlight.values());
        if (!unfinished.isEmpty()) {
            try {
                int released = outcomes.release(unfinished, clock.instant());
                log.info("Poller {} stopped; handed back {} unfinished claims", owner, released);
            } catch (RuntimeException e) {
                log.warn(
                        "Poller {} stopped; {} claims will be taken over when their leases run out",
                        owner,
                        unfinished.size());
            }
        } else {
            log.info("Poller {} stopped", owner);
        }
    }

    /** {@code most}, or less when {@code end} (nanoTime) comes sooner; never negative. */
    private static Duration until(long end, Duration most) {
        long left = Math.max(end - System.nanoTime(), 1_000_000);
        return Duration.ofNanos(Math.min(left, most.toNanos()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the database pool, which stop in lower phases. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
