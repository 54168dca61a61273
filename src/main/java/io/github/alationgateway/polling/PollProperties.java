package io.github.alationgateway.polling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gateway.poll.*}: how often jobs are polled, for how long, and how much at once. {@code max-stored-result}:
 * the most of Alation's result a job stores (see {@link StoredResult}).
 */
@ConfigurationProperties("gateway.poll")
public record PollProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3s") Duration interval,
        @DefaultValue("60s") Duration maxInterval,
        @DefaultValue("24h") Duration deadline,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("200") int batchSize,
        @DefaultValue("250ms") Duration idleWait,
        @DefaultValue("1MB") DataSize maxStoredResult) {

    public PollProperties {
        require(positive(interval), "gateway.poll.interval must be positive");
        require(maxInterval.compareTo(interval) >= 0, "gateway.poll.max-interval must not be below interval");
        require(positive(deadline), "gateway.poll.deadline must be positive");
        // A call that outlives its lease could be overtaken by another replica's poll of the same job.
        require(
                lease.compareTo(requestTimeout.multipliedBy(2)) >= 0,
                "gateway.poll.lease must be at least twice gateway.poll.request-timeout");
        require(maxInFlight >= 1 && maxInFlight <= 1024, "gateway.poll.max-in-flight must be between 1 and 1024");
        require(batchSize >= 1 && batchSize <= 1000, "gateway.poll.batch-size must be between 1 and 1000");
        require(positive(idleWait), "gateway.poll.idle-wait must be positive");
        require(
                maxStoredResult.toBytes() >= 1024 && maxStoredResult.toBytes() <= Integer.MAX_VALUE - 8,
                "gateway.poll.max-stored-result must be between 1KB and 2GB");
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
