package io.github.alationgateway.alation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.springframework.util.unit.DataSize;

/**
 * Reads an answer into memory up to a cap and gives up past it. Without one, a single answer of Alation (a job's
 * result of a million rows, a proxy streaming a log) lands whole on the heap, 64 of them at once with the poller's
 * default; with it, the call fails with a reason that names the cap, and the connection is dropped.
 */
final class CappedBody implements BodySubscriber<byte[]> {

    /** The answer is larger than the cap: the call's fault, named in words an operator understands. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("answer larger than the " + DataSize.ofBytes(cap).toKilobytes() + " KB cap"
                    + " (gateway.poll.max-answer-size)");
        }
    }

    private final long cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(long cap) {
        this.cap = cap;
    }

    static HttpResponse.BodyHandler<byte[]> handler(DataSize maxAnswerSize) {
        long cap = maxAnswerSize.toBytes();
        return info -> {
            // A declared length past the cap is refused before a byte of the body is read.
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > cap) {
                return failed(cap);
            }
            return new CappedBody(cap);
        };
    }

    private static BodySubscriber<byte[]> failed(long cap) {
        CappedBody refused = new CappedBody(cap);
        refused.result.completeExceptionally(new TooLarge(cap));
        return refused;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return;
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > cap) {
                result.completeExceptionally(new TooLarge(cap));
                subscription.cancel();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
