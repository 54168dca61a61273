package io.github.alationgateway.waiting;

import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.JobStore.ChainProgress;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Every open wait of this replica, answered by one checker thread: once per tick it reads where all waited jobs
 * stand in one statement (whichever replica polls them), and answers the waits that are over. A wait holds no
 * thread, only its request (Spring MVC's {@link DeferredResult}), so thousands cost little.
 */
@Component
public class JobWaits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWaits.class);
    /** Past its end, a wait the checker somehow missed is answered by the container's timeout this much later. */
    private static final Duration BACKSTOP = Duration.ofSeconds(5);
    /** Ids per statement: keeps IN lists to a size every database plans well. */
    private static final int CHUNK = 500;

    private final JobStore store;
    private final JobViews views;
    private final Clock clock;
    private final WaitProperties settings;
    private final Set<Waiter> open = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<String, Counter> answered = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private volatile boolean running;
    private volatile Thread checker;

    JobWaits(JobStore store, JobViews views, Clock clock, WaitProperties settings, MeterRegistry meters) {
        this.store = store;
        this.views = views;
        this.clock = clock;
        this.settings = settings;
        this.meters = meters;
        Gauge.builder("gateway.waits.open", open, Set::size)
                .description("Waits open on this replica")
                .register(meters);
    }

    /** The jobs as they stand when the wait is answered; {@code done} says whether what was waited for came. */
    public record Answer(boolean done, List<JobView> items) {}

    /** A wait's length as a client writes it ({@code 30s}, {@code 2m} or ISO-8601), at most the configured limit. */
    public Duration parseWait(String field, String value) {
        Duration wait;
        try {
            wait = DurationStyle.detectAndParse(value.trim());
        } catch (RuntimeException e) {
            throw Problems.badField(
                    field, "'" + field + "' is a duration such as 30s or 2m, got '" + Problems.quote(value) + "'");
        }
        if (wait.isNegative()) throw Problems.badField(field, "'" + field + "' must not be negative");
        if (wait.compareTo(settings.maxWait()) > 0) {
            throw Problems.badField(
                    field,
                    "'" + field + "' is at most " + shown(settings.maxWait())
                            + " (gateway.events.max-wait); ask again after that");
        }
        return wait;
    }

    /** 120s rather than 120000ms: the way an operator wrote it. */
    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0
                ? DurationStyle.SIMPLE.print(duration, ChronoUnit.SECONDS)
                : DurationStyle.SIMPLE.print(duration);
    }

    /** Waits for one job the caller may see; answers it as it stands. */
    public DeferredResult<JobView> awaitOne(String id, WaitFor target, Duration timeout) {
        return await(
                List.of(id),
                WaitMode.ALL,
                target,
                timeout,
                answer -> answer.items().stream()
                        .findFirst()
                        .orElseThrow(() -> Problems.notFound("No job with id '" + Problems.quote(id) + "'")));
    }

    /**
     * Opens a wait on jobs the caller may see (the caller checks that), answered with {@code shape} of the
     * {@link Answer}. A wait already over is answered at once, without the checker.
     */
    <T> DeferredResult<T> await(
            List<String> ids, WaitMode mode, WaitFor target, Duration timeout, Function<Answer, T> shape) {
        DeferredResult<T> result = new DeferredResult<>(timeout.plus(BACKSTOP).toMillis());
        Waiter waiter = new Waiter(
                List.copyOf(new LinkedHashSet<>(ids)),
                mode,
                target,
                clock.instant().plus(timeout));
        waiter.deliver = answer -> {
            try {
                result.setResult(shape.apply(answer));
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        };
        result.onTimeout(() -> waiter.answer(current(waiter), "timeout"));
        result.onError(e -> waiter.abandon());
        result.onCompletion(waiter::abandon);
        Map<String, ChainProgress> progress = progressOf(List.of(waiter));
        if (waiter.reached(progress) || timeout.isZero() || !running) {
            waiter.answer(
                    answerOf(waiter, progress, viewsOf(waiter.ids)), waiter.reached(progress) ? "ended" : "timeout");
        } else {
            open.add(waiter);
        }
        return result;
    }

    /** Makes the checker look now rather than at its next tick: something may have ended. */
    public void wake() {
        if (wakeups.availablePermits() == 0) wakeups.release();
    }

    int openWaits() {
        return open.size();
    }

    /** One tick: every waited job's progress in one pass, then the answers of the waits that are over. */
    void check() {
        if (open.isEmpty()) return;
        List<Waiter> waiters = List.copyOf(open);
        Instant now = clock.instant();
        Map<String, ChainProgress> progress = progressOf(waiters);
        List<Waiter> over = waiters.stream()
                .filter(w -> w.reached(progress) || !now.isBefore(w.deadline))
                .toList();
        if (over.isEmpty()) return;
        Set<String> shown = new LinkedHashSet<>();
        over.forEach(w -> shown.addAll(w.ids));
        Map<String, JobView> jobs = viewsOf(shown);
        for (Waiter waiter : over) {
            boolean reached = waiter.reached(progress);
            waiter.answer(answerOf(waiter, progress, jobs), reached ? "ended" : "timeout");
        }
    }

    private Answer current(Waiter waiter) {
        Map<String, ChainProgress> progress = progressOf(List.of(waiter));
        return answerOf(waiter, progress, viewsOf(waiter.ids));
    }

    private static Answer answerOf(Waiter waiter, Map<String, ChainProgress> progress, Map<String, JobView> jobs) {
        return new Answer(
                waiter.reached(progress),
                waiter.ids.stream().map(jobs::get).filter(Objects::nonNull).toList());
    }

    /**
     * Where the waiters' jobs stand. Follow-ups are read only for the jobs waited for as a chain: most waits are for
     * one job, and this runs several times a second.
     */
    private Map<String, ChainProgress> progressOf(List<Waiter> waiters) {
        Set<String> jobs = new LinkedHashSet<>();
        Set<String> chains = new LinkedHashSet<>();
        waiters.forEach(w -> (w.target == WaitFor.CHAIN ? chains : jobs).addAll(w.ids));
        jobs.removeAll(chains);
        Map<String, ChainProgress> progress = new HashMap<>();
        progress.putAll(progressOf(List.copyOf(jobs), false));
        progress.putAll(progressOf(List.copyOf(chains), true));
        return progress;
    }

    private Map<String, ChainProgress> progressOf(List<String> ids, boolean withFollowUps) {
        Map<String, ChainProgress> progress = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            progress.putAll(store.progressOf(ids.subList(from, Math.min(ids.size(), from + CHUNK)), withFollowUps));
        }
        return progress;
    }

    private Map<String, JobView> viewsOf(Set<String> ids) {
        return viewsOf(List.copyOf(ids));
    }

    private Map<String, JobView> viewsOf(List<String> ids) {
        Map<String, JobView> shown = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Job> jobs = store.findAllById(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
            views.views(jobs).forEach(view -> shown.put(view.id(), view));
        }
        return shown;
    }

    private void count(String outcome) {
        answered.computeIfAbsent(
                        outcome,
                        o -> Counter.builder("gateway.waits")
                                .description(
                                        "Waits answered, by outcome: ended, timeout, shutdown, or abandoned by the client")
                                .tag("outcome", o)
                                .register(meters))
                .increment();
    }

    private void run() {
        while (running) {
            try {
                if (wakeups.tryAcquire(settings.waitCheckInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                    wakeups.drainPermits();
                }
                check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be away for a moment: the waits stay open and the next tick tries again.
                log.warn("Could not check {} open waits: {}", open.size(), e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::run, "job-waits");
        thread.setDaemon(true);
        checker = thread;
        thread.start();
    }

    /** On shutdown every open wait is answered as its jobs stand, so that clients ask another replica. */
    @Override
    public void stop() {
        running = false;
        Thread thread = checker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Waiter waiter : List.copyOf(open)) {
            try {
                waiter.answer(current(waiter), "shutdown");
            } catch (RuntimeException e) {
                waiter.deliver.accept(new Answer(false, List.of()));
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One open wait. Answered exactly once, by whoever gets there first: checker, timeout or shutdown. */
    private final class Waiter {
        final List<String> ids;
        final WaitMode mode;
        final WaitFor target;
        final Instant deadline;
        final AtomicBoolean done = new AtomicBoolean();
        volatile Consumer<Answer> deliver;

        Waiter(List<String> ids, WaitMode mode, WaitFor target, Instant deadline) {
            this.ids = ids;
            this.mode = mode;
            this.target = target;
            this.deadline = deadline;
        }

        /** A job gone meanwhile (deleted) will not change any more: it counts as there. */
        boolean reached(Map<String, ChainProgress> progress) {
            return mode.over(ids, id -> {
                ChainProgress p = progress.get(id);
                return p == null || target.reached(p);
            });
        }

        void answer(Answer answer, String outcome) {
            if (!done.compareAndSet(false, true)) return;
            open.remove(this);
            count(outcome);
            deliver.accept(answer);
        }

        /** The request ended without an answer from us: the client went away, or the container gave up. */
        void abandon() {
            open.remove(this);
            if (done.compareAndSet(false, true)) count("abandoned");
        }
    }
}
