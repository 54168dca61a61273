package io.github.alationgateway.alation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.springframework.util.unit.DataSize;

/**
 * Reads an answer into memory up to a cap and gives up past it. Without one, a single answer of Alation (a job's
 * result of a million rows, a proxy streaming a log) lands whole on the heap, one per call in flight; with it, the
 * call fails with a reason that names the cap, and the connection is dropped rather than drained.
 */
final class CappedBody {

    /** The answer is larger than the cap: the call's fault, named in words an operator understands. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("answer larger than the " + DataSize.ofBytes(cap).toKilobytes() + " KB cap"
                    + " (gateway.poll.max-answer-size)");
        }
    }

    private final long cap;

    CappedBody(DataSize maxAnswerSize) {
        this.cap = maxAnswerSize.toBytes();
    }

    /** The whole body, or {@link TooLarge} as soon as it is known to pass the cap. */
    byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) return new byte[0];
        // A declared length past the cap is refused before a byte of the body is read.
        long declared = entity.getContentLength();
        if (declared > cap) throw new TooLarge(cap);
        try (InputStream in = entity.getContent()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (bytes.size() + (long) n > cap) throw new TooLarge(cap);
                bytes.write(chunk, 0, n);
            }
            return bytes.toByteArray();
        }
    }
}
