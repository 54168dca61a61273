package io.github.alationgateway.stream;

import java.time.Instant;

/**
 * How long a stream may stay open. The feed asks at every tick; once it no longer holds, the stream ends with a
 * comment telling the client to reconnect, which then authenticates again.
 */
@FunctionalInterface
public interface StreamLease {

    /** For API keys: they are checked once, when the stream opens, and hold until one side ends it. */
    StreamLease UNTIL_CLOSED = now -> true;

    boolean holds(Instant now);
}
