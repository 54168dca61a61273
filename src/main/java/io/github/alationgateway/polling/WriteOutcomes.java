package io.github.alationgateway.polling;

import io.github.alationgateway.store.Outcome;
import io.github.alationgateway.store.Outcomes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Collects the outcomes of finished polls and writes them in batches: one transaction for many polls keeps the
 * database's cost per poll low under load, and adds no delay when idle (a lone outcome is written at once).
 */
final class WriteOutcomes implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WriteOutcomes.class);
    private static final int MAX_BATCH = 500;
    private static final int ATTEMPTS = 3;

    record Pending(Outcome outcome, Runnable whenWritten, Runnable whenDone) {}

    private final Outcomes outcomes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;

    WriteOutcomes(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** {@code whenWritten} runs if the outcome landed; {@code whenDone} runs in any case, after the attempt. */
    void submit(Outcome outcome, Runnable whenWritten, Runnable whenDone) {
        queue.add(new Pending(outcome, whenWritten, whenDone));
    }

    /** Writes what is queued, then returns; the thread ends once {@link #stop()} was called and all is written. */
    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.forEach(p -> p.whenDone().run());
                batch.clear();
            }
        }
    }

    void stop() {
        running = false;
    }

    /**
     * A database that stays away loses nothing: the jobs keep their leases, which run out, and the jobs are
     * polled again by whichever replica claims them next.
     */
    private void write(List<Pending> batch) throws InterruptedException {
        List<Outcome> toWrite = batch.stream().map(Pending::outcome).toList();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Set<String> ids = new HashSet<>(outcomes.record(toWrite));
                int written = ids.size();
                for (Pending pending : batch) {
                    if (ids.contains(pending.outcome().jobId()))
                        pending.whenWritten().run();
                }
                if (written < toWrite.size()) {
                    log.info(
                            "{} of {} poll outcomes were stale (their jobs had been claimed again) and were dropped",
                            toWrite.size() - written,
                            toWrite.size());
                }
                return;
            } catch (DataAccessException e) {
                log.warn(
                        "Could not write {} poll outcomes (attempt {} of {}): {}",
                        toWrite.size(),
                        attempt,
                        ATTEMPTS,
                        e.getMostSpecificCause().getMessage());
                if (attempt < ATTEMPTS)
                    Thread.sleep(Duration.ofMillis(200L * attempt).toMillis());
            }
        }
        log.warn(
                "Gave up writing {} poll outcomes; those jobs will be polled again when their leases run out",
                toWrite.size());
    }
}
