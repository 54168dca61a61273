package io.github.alationgateway.polling;

import io.github.alationgateway.store.Outcome;
import io.github.alationgateway.store.Outcomes;
import io.github.alationgateway.system.LogSafe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Collects the outcomes of finished polls and writes them in batches: one transaction for many polls keeps the
 * database's cost per poll low under load, and adds no delay when idle (a lone outcome is written at once).
 *
 * <p>Nothing is dropped because the database is away: a batch that cannot be written stays here and is written
 * again on the next pass (the loop's guard backs off in between), so the polls made during an outage land once
 * it ends. Their jobs stay claimed meanwhile; if another replica claims one after its lease, the write of the
 * old outcome is refused as stale and that replica's poll counts instead. Only a row the database refuses for
 * itself (its data) is split from its batch, so that it never blocks the others: the batch is written again row by
 * row, and the row that still fails is logged and its job marked (status reason and log) instead.
 */
final class WriteOutcomes {

    private static final Logger log = LoggerFactory.getLogger(WriteOutcomes.class);
    private static final int MAX_BATCH = 500;
    private static final Duration RETRY_REFUSED = Duration.ofMinutes(1);

    record Pending(Outcome outcome, Runnable whenWritten, Runnable whenDone) {}

    private final Outcomes outcomes;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Taken from the queue but not yet written; touched only by the one thread that writes. */
    private final List<Pending> batch = new ArrayList<>(MAX_BATCH);

    WriteOutcomes(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** {@code whenWritten} runs if the outcome landed; {@code whenDone} runs once it landed or was given up. */
    void submit(Outcome outcome, Runnable whenWritten, Runnable whenDone) {
        queue.add(new Pending(outcome, whenWritten, whenDone));
    }

    /**
     * One pass of the writer's loop: waits briefly for outcomes, writes what is queued. A failure leaves the batch
     * for the next pass and reaches the loop's guard, which counts it and backs off.
     */
    Duration writeSome() throws InterruptedException {
        if (batch.isEmpty()) {
            Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) return Duration.ZERO;
            batch.add(first);
        }
        queue.drainTo(batch, MAX_BATCH - batch.size());
        write();
        return Duration.ZERO;
    }

    /** Writes what is left, once the loop has stopped; false if the database refused. */
    boolean writeRest() {
        queue.drainTo(batch);
        if (batch.isEmpty()) return true;
        try {
            write();
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "Could not write {} poll outcomes while stopping; those jobs are polled again after their"
                            + " leases: {}",
                    batch.size(),
                    e.getMessage());
            return false;
        }
    }

    /** Outcomes taken but never written (stopping with the database away): their claims are still held. */
    List<Outcome> unwritten() {
        return batch.stream().map(Pending::outcome).toList();
    }

    private void write() {
        List<Outcome> toWrite = batch.stream().map(Pending::outcome).toList();
        List<String> written;
        try {
            written = outcomes.record(toWrite);
        } catch (DataIntegrityViolationException e) {
            if (batch.size() == 1) {
                giveUp(batch.get(0), e);
                batch.clear();
                return;
            }
            writeOneByOne();
            return;
        }
        finish(batch, new HashSet<>(written));
        batch.clear();
    }

    /**
     * One row's data broke the batch: every row alone, so that only that row fails. Anything else (the database
     * went away midway) leaves the rows not yet written for a later pass.
     */
    private void writeOneByOne() {
        while (!batch.isEmpty()) {
            Pending pending = batch.get(0);
            try {
                finish(List.of(pending), new HashSet<>(outcomes.record(List.of(pending.outcome()))));
            } catch (DataIntegrityViolationException e) {
                giveUp(pending, e);
            }
            batch.remove(0);
        }
    }

    /**
     * The row the database refuses for its data: the job says so in its status reason and log, its lease is
     * given back and it is asked about again later, instead of coming back silently after every lease.
     */
    private void giveUp(Pending pending, DataIntegrityViolationException e) {
        Outcome refused = pending.outcome();
        String cause = String.valueOf(e.getMostSpecificCause().getMessage());
        log.error(
                "The database refused the outcome of job {}; the job says so and is polled again: {}",
                refused.jobId(),
                LogSafe.of(cause));
        try {
            outcomes.refused(refused, cause, retryAt(refused));
        } catch (RuntimeException failed) {
            log.warn(
                    "Could not mark job {} either; it is polled again when its lease runs out: {}",
                    refused.jobId(),
                    LogSafe.of(failed.getMessage()));
        }
        pending.whenDone().run();
    }

    /** When the job of a refused outcome is asked about again: as the outcome planned, or a minute after it. */
    private static Instant retryAt(Outcome refused) {
        if (refused.nextPollAt() != null) return refused.nextPollAt();
        // An outcome without a next poll ends its job, so it has an end time.
        return (refused.polledAt() != null ? refused.polledAt() : refused.finishedAt()).plus(RETRY_REFUSED);
    }

    private static void finish(List<Pending> pendings, Set<String> written) {
        for (Pending pending : pendings) {
            if (written.contains(pending.outcome().jobId()))
                pending.whenWritten().run();
            pending.whenDone().run();
        }
        if (written.size() < pendings.size()) {
            log.info(
                    "{} of {} poll outcomes were stale (their jobs had been claimed again) and were dropped",
                    pendings.size() - written.size(),
                    pendings.size());
        }
    }
}
