package io.github.alationgateway.system;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One background thread that runs a {@link Step} over and over until stopped, and survives whatever the step
 * throws short of an {@link Error}: the failure is counted, logged once per burst, and the step runs again after
 * a growing pause. Only an {@code Error} (or a step that never returns) ends it; liveness then reports DOWN, so
 * that the platform restarts a replica that has really stopped working, rather than one that is merely waiting
 * for its database. Started by {@link BackgroundLoops#start}.
 */
public final class BackgroundLoop {

    /** One pass of the loop's work. */
    @FunctionalInterface
    public interface Step {

        /**
         * Does one pass and answers how long to rest before the next ({@link Duration#ZERO}: go on at once). A
         * rest ends early on {@link BackgroundLoop#wake()}. Whatever it throws (but an {@code Error}) is counted
         * and followed by a backoff, then the next pass.
         */
        Duration run() throws Exception;
    }

    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    private final Step step;
    private final LoopFailures failures;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable died;

    BackgroundLoop(String name, Step step, LoopFailures failures) {
        this.name = name;
        this.step = step;
        this.failures = failures;
        this.thread = new Thread(this::runUntilStopped, name);
        // Owners stop their loops; a loop forgotten must not keep the JVM from exiting.
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public String name() {
        return name;
    }

    /** Ends a rest early, e.g. because new work arrived. Does not cut a backoff short. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * Asks the loop to end after the pass under way (it is not interrupted) and waits up to {@code timeout} for it.
     * Answers whether it ended in time.
     */
    public boolean stop(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) return false;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Stopped as asked, and ended. */
    boolean isStopped() {
        return stopping && thread.getState() == Thread.State.TERMINATED;
    }

    /** The loop ended without being asked to: what ended it, or null. */
    Throwable died() {
        return died;
    }

    /** Ended although nobody asked it to: the work it did has stopped for good in this process. */
    boolean diedUnasked() {
        return !stopping && thread.getState() == Thread.State.TERMINATED;
    }

    LoopFailures failures() {
        return failures;
    }

    private void runUntilStopped() {
        long backoffNanos = FIRST_BACKOFF.toNanos();
        while (!stopping) {
            Duration rest;
            try {
                rest = step.run();
                failures.succeeded();
                backoffNanos = FIRST_BACKOFF.toNanos();
            } catch (Error e) {
                died = e;
                failures.died(e);
                throw e;
            } catch (Throwable e) {
                if (e instanceof InterruptedException) Thread.interrupted();
                if (stopping) return;
                failures.failed(e);
                rest = Duration.ofNanos(jittered(backoffNanos));
                backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
                sleepThrough(rest);
                continue;
            }
            if (rest != null && !rest.isNegative() && !rest.isZero() && !stopping)
                LockSupport.parkNanos(rest.toNanos());
        }
    }

    /** A backoff is not cut short by {@link #wake()}, only by {@link #stop}. */
    private void sleepThrough(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        long left;
        while (!stopping && (left = until - System.nanoTime()) > 0) LockSupport.parkNanos(left);
    }

    /** Between 80 % and 120 % of the backoff: replicas that failed together do not retry together. */
    private static long jittered(long nanos) {
        return (long) (nanos * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }
}
