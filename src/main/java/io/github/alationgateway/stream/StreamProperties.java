package io.github.alationgateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The stream's share of {@code gateway.events.*}.
 *
 * <ul>
 *   <li>{@code max-streams} (1000): open streams on this replica; past it a new one answers 429.
 *   <li>{@code max-streams-per-key} (10): open streams of one API key on this replica.
 *   <li>{@code ping-interval} (15s): a {@code : ping} comment on a stream this long quiet, for proxies.
 *   <li>{@code stream-buffer} (1MB): what is queued for one client at most; one that leaves it full for a ping
 *       interval is cut off.
 *   <li>{@code stream-check-interval} (200ms): how often this replica reads the log for events committed elsewhere.
 * </ul>
 */
@ConfigurationProperties("gateway.events")
record StreamProperties(
        @DefaultValue("1000") int maxStreams,
        @DefaultValue("10") int maxStreamsPerKey,
        @DefaultValue("15s") Duration pingInterval,
        @DefaultValue("1MB") DataSize streamBuffer,
        @DefaultValue("200ms") Duration streamCheckInterval) {

    StreamProperties {
        if (maxStreams < 0 || maxStreamsPerKey < 0) {
            throw new IllegalArgumentException(
                    "gateway.events.max-streams and max-streams-per-key must not be negative");
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("gateway.events.ping-interval must be positive");
        }
        if (streamBuffer.toBytes() < 1024) {
            throw new IllegalArgumentException("gateway.events.stream-buffer must be at least 1KB");
        }
        // Events committed on another replica reach this one's streams within this much: a second at most.
        if (streamCheckInterval.isNegative()
                || streamCheckInterval.isZero()
                || streamCheckInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("gateway.events.stream-check-interval must be between 1ms and 1s");
        }
    }
}
