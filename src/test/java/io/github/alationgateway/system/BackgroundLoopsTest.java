package io.github.alationgateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

class BackgroundLoopsTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final BackgroundLoops loops = new BackgroundLoops(meters);

    @Test
    void aLoopSurvivesWhatItsStepThrowsCountsItAndGoesOn() {
        // GIVEN a step that fails three times in a row with what a vanished database throws, then works
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger worked = new AtomicInteger();
        BackgroundLoop loop = loops.start("test-writer", () -> {
            int pass = passes.incrementAndGet();
            if (pass == 1) throw new TransactionSystemException("JDBC rollback failed");
            if (pass == 2) throw new DataAccessResourceFailureException("connection refused");
            if (pass == 3) throw new IllegalStateException("a bug, say");
            worked.incrementAndGet();
            return Duration.ofMillis(5);
        });
        try {
            // THEN it goes on after each, and every failure is counted under its name
            await().atMost(Duration.ofSeconds(10)).until(() -> worked.get() >= 3);
            assertThat(errors("test-writer")).isEqualTo(3.0);
            assertThat(loops.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void failuresInARowBackOffInsteadOfSpinning() {
        // GIVEN a step that always fails
        AtomicInteger passes = new AtomicInteger();
        BackgroundLoop loop = loops.start("test-failing", () -> {
            passes.incrementAndGet();
            throw new IllegalStateException("database away");
        });
        try {
            // THEN within the first 200 + 400 + 800 ms (+20 % jitter) it tries at most four times, not thousands
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 3);
            int soFar = passes.get();
            assertThat(soFar).isLessThanOrEqualTo(5);
            // and it stays UP: a loop that waits for its database is not a replica to restart
            assertThat(loops.health().getStatus()).isEqualTo(Status.UP);
            assertThat(loops.health().getDetails()).containsKey("test-failing");
        } finally {
            assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void anErrorEndsTheLoopAndLivenessGoesDown() {
        // GIVEN a step that throws an Error (the JVM is in trouble: nothing sane to carry on with)
        BackgroundLoop loop = loops.start("test-dying", () -> {
            throw new StackOverflowError("deep");
        });

        // THEN the loop ends, and its health says so (the Error reaches the thread's uncaught handler, as it should)
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(10))
                .until(() -> loops.health().getStatus().equals(Status.DOWN));
        assertThat(loops.health().getDetails().get("test-dying").toString()).contains("StackOverflowError");
        assertThat(errors("test-dying")).isEqualTo(1.0);

        // and a loop stopped as asked is no failure
        loop.stop(Duration.ofSeconds(1));
        BackgroundLoop other = loops.start("test-stopped", () -> Duration.ofMillis(10));
        assertThat(other.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(loops.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aStopCutsABackoffShort() {
        BackgroundLoop loop = loops.start("test-backoff", () -> {
            throw new IllegalStateException("away");
        });
        // GIVEN a loop five failures deep: its backoff is now 3.2 s (at least 2.56 s with jitter)
        await().atMost(Duration.ofSeconds(20)).until(() -> errors("test-backoff") >= 5);

        // THEN a stop does not wait it out
        assertThat(loop.stop(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void aGuardedScheduledTaskIsCountedAndReportsWhetherItWorked() {
        assertThat(loops.guard("test-gauges", () -> {
                    throw new IllegalStateException("no database");
                }))
                .isFalse();
        assertThat(loops.guard("test-gauges", () -> {})).isTrue();

        assertThat(errors("test-gauges")).isEqualTo(1.0);
    }

    @Test
    void aWakeEndsARest() {
        AtomicInteger passes = new AtomicInteger();
        BackgroundLoop loop = loops.start("test-resting", () -> {
            passes.incrementAndGet();
            return Duration.ofHours(1);
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 1);
            loop.wake();
            await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 2);
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    private double errors(String loop) {
        var counter = meters.find("gateway.background.errors").tag("loop", loop).counter();
        return counter == null ? 0 : counter.count();
    }
}
