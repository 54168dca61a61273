package io.github.alationgateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The horizon's decisions, with writers counted in process and the log's newest seq set by the test. */
class CommitHorizonTest {

    private final EventLog log = mock(EventLog.class);
    private final InProcessOpenWriters writers = new InProcessOpenWriters();
    private final CommitHorizon horizon = new CommitHorizon(log, writers);

    @Test
    void withNoWriterOpenTheHorizonIsTheNewestSeq() {
        when(log.latestSeq()).thenReturn(7L);

        assertThat(horizon.advance()).isEqualTo(7);
    }

    @Test
    void aWriterOpenWhenTheNewestSeqWasReadHoldsTheHorizonUntilItEnds() throws Exception {
        when(log.latestSeq()).thenReturn(3L);
        assertThat(horizon.advance()).isEqualTo(3);
        // A writer holds seq 4 open; another committed 5 after it.
        var open = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Thread writer = openWriter(open, release);
        assertThat(open.await(5, TimeUnit.SECONDS)).isTrue();
        when(log.latestSeq()).thenReturn(5L);

        assertThat(horizon.advance()).isEqualTo(3);
        assertThat(horizon.advance()).isEqualTo(3);

        release.countDown();
        writer.join(5_000);
        assertThat(horizon.advance()).isEqualTo(5);
    }

    @Test
    void aWriterThatStartsAfterTheMarkerDoesNotHoldTheHorizon() throws Exception {
        when(log.latestSeq()).thenReturn(3L);
        assertThat(horizon.advance()).isEqualTo(3);
        when(log.latestSeq()).thenReturn(5L);
        var open = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // Marker taken first (nothing open): 5 is final although a writer opens right after.
        assertThat(horizon.advance()).isEqualTo(5);
        Thread writer = openWriter(open, release);
        assertThat(open.await(5, TimeUnit.SECONDS)).isTrue();
        when(log.latestSeq()).thenReturn(6L);

        assertThat(horizon.advance()).isEqualTo(5);
        release.countDown();
        writer.join(5_000);
        assertThat(horizon.advance()).isEqualTo(6);
    }

    /** A writer in a transaction of its own that stays open until {@code release}. */
    private Thread openWriter(CountDownLatch open, CountDownLatch release) {
        Thread thread = new Thread(() -> {
            TransactionSynchronizationManager.initSynchronization();
            try {
                writers.write(open::countDown);
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                var synchronizations = TransactionSynchronizationManager.getSynchronizations();
                TransactionSynchronizationManager.clearSynchronization();
                synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
            }
        });
        thread.start();
        return thread;
    }
}
