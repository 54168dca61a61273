package io.github.alationgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One stream's writing decisions, against an output whose readiness the test sets. */
class EventStreamTest {

    /** An output that takes writes only while the test says the client reads. */
    static final class Output extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean ready = true;
        int flushes;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}

        @Override
        public void write(int b) {
            if (!ready) throw new IllegalStateException("written while not ready");
            written.write(b);
        }

        @Override
        public void flush() {
            flushes++;
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private final Output out = new Output();
    private final AsyncContext async = mock(AsyncContext.class);
    private final List<EventStream.End> ends = new ArrayList<>();
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final StreamFilter all = new StreamFilter(Set.of(), null, null, Map.of(), Set.of(), null);

    private EventStream stream(long bound) {
        return new EventStream(
                async, out, new EventStream.Terms(all, "key", StreamLease.UNTIL_CLOSED), -1, bound, now, ends::add);
    }

    private static byte[] frame(int size) {
        return "x".repeat(size).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void framesAreWrittenInOrderAndFlushedWhileTheClientReads() {
        EventStream stream = stream(1_000);

        stream.send("a\n\n".getBytes(StandardCharsets.UTF_8), now);
        stream.send("b\n\n".getBytes(StandardCharsets.UTF_8), now);

        assertThat(out.text()).isEqualTo("a\n\nb\n\n");
        assertThat(out.flushes).isEqualTo(2);
        assertThat(stream.backlog()).isZero();
    }

    @Test
    void framesWaitWhileTheClientDoesNotReadAndGoWhenItDoes() {
        EventStream stream = stream(1_000);
        out.ready = false;

        stream.send(frame(300), now);
        stream.send(frame(300), now);

        assertThat(out.text()).isEmpty();
        assertThat(stream.backlog()).isEqualTo(600);
        out.ready = true;
        stream.onWritePossible();
        assertThat(out.text()).hasSize(600);
        assertThat(stream.backlog()).isZero();
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void aClientThatLeavesTheQueueFullForTheLimitIsCutOffWithALastComment() {
        EventStream stream = stream(1_000);
        out.ready = false;
        stream.send(frame(600), now);
        stream.send(frame(600), now);
        assertThat(stream.full()).isTrue();

        stream.cutOffIfStalled(now.plusMillis(999), Duration.ofSeconds(1));
        assertThat(stream.isOpen()).isTrue();
        stream.cutOffIfStalled(now.plusSeconds(1), Duration.ofSeconds(1));

        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.send(frame(1), now)).isFalse();
        verify(async, never()).complete();
        // When the client reads again it gets the comment, not the frames it was too slow for, and the stream ends.
        out.ready = true;
        stream.onWritePossible();
        assertThat(out.text()).isEqualTo(new String(EventStream.CUT_OFF, StandardCharsets.UTF_8));
        verify(async).complete();
        assertThat(ends).containsExactly(EventStream.End.SLOW);
    }

    @Test
    void aClientThatTakesFromAFullQueueIsNotCutOff() {
        EventStream stream = stream(1_000);
        out.ready = false;
        stream.send(frame(1_200), now);
        out.ready = true;
        stream.onWritePossible();

        stream.cutOffIfStalled(now.plusSeconds(5), Duration.ofSeconds(1));

        assertThat(stream.isOpen()).isTrue();
        assertThat(stream.full()).isFalse();
    }

    @Test
    void aCutOffStreamCountsAsClosedAtOnceAndIsClosedAfterTheGraceIfItsClientNeverReads() {
        EventStream stream = stream(1_000);
        out.ready = false;
        stream.send(frame(1_200), now);
        stream.cutOffIfStalled(now.plusSeconds(1), Duration.ofSeconds(1));

        // Its comment waits behind the pending write, which only the client's reading frees
        assertThat(ends).containsExactly(EventStream.End.SLOW);
        stream.abandonIfStuck(now.plusSeconds(2), StreamFeed.LAST_WORDS);
        verify(async, never()).complete();
        stream.abandonIfStuck(now.plusSeconds(7), StreamFeed.LAST_WORDS);

        verify(async).complete();
        assertThat(ends).containsExactly(EventStream.End.SLOW);
    }

    @Test
    void aFailedWriteEndsTheStreamAsTheClientsDoing() {
        EventStream stream = stream(1_000);

        stream.onError(new java.io.IOException("connection reset"));
        stream.closed();

        assertThat(ends).containsExactly(EventStream.End.CLIENT);
        assertThat(stream.send(frame(1), now)).isFalse();
    }

    @Test
    void endingForShutdownWritesTheCommentThenCompletes() {
        EventStream stream = stream(1_000);

        stream.end(EventStream.End.SHUTDOWN, EventStream.SHUTTING_DOWN, now);

        assertThat(out.text()).startsWith(": the gateway is shutting down");
        verify(async).complete();
        assertThat(ends).containsExactly(EventStream.End.SHUTDOWN);
    }

    @Test
    void aStreamWhoseLeaseRanOutIsToldToReconnectAndEnds() {
        Instant until = now.plusSeconds(60);
        EventStream stream = new EventStream(
                async, out, new EventStream.Terms(all, "key", at -> at.isBefore(until)), -1, 1_000, now, ends::add);

        stream.endIfLeaseOver(now.plusSeconds(59));
        assertThat(stream.isOpen()).isTrue();
        stream.endIfLeaseOver(until);

        assertThat(out.text()).startsWith(": the sign-in behind this stream ended");
        verify(async).complete();
        assertThat(ends).containsExactly(EventStream.End.LEASE);
        assertThat(stream.send(frame(1), until)).isFalse();
    }
}
