package io.github.alationgateway.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.retention.*}: how long finished jobs are kept.
 *
 * <ul>
 *   <li>{@code finished-after} (30d): a chain of jobs goes once all of it ended longer ago than this; {@code 0}
 *       keeps everything.
 *   <li>{@code interval} (1h): how often one replica looks for such chains.
 *   <li>{@code chunk} (1000): chains deleted per transaction, so that no statement holds many rows locked.
 *   <li>{@code lease} (10m): how long the replica running retention holds it against the others, renewed after
 *       each chunk; a replica that dies mid-run frees it when it runs out.
 * </ul>
 */
@ConfigurationProperties("gateway.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration finishedAfter,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1000") int chunk,
        @DefaultValue("10m") Duration lease) {

    public RetentionProperties {
        if (finishedAfter == null || finishedAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "gateway.retention.finished-after must be 0 (keep everything) or positive, was " + finishedAfter);
        }
        if (chunk < 1 || chunk > 1000) {
            throw new IllegalArgumentException("gateway.retention.chunk must be between 1 and 1000, was " + chunk);
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("gateway.retention.lease must be positive, was " + lease);
        }
    }

    boolean keepsEverything() {
        return finishedAfter.isZero();
    }
}
