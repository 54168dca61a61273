package io.github.alationgateway.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The request budget of each API key (a token bucket per key, {@code gateway.security.rate-limit.*}). Every
 * request takes one token at the door ({@link RateLimitFilter}); a request that stands for many (a batch of
 * registrations) charges the rest once it knows how many.
 */
@Component
public final class RequestQuota {

    private final GatewaySecurityProperties.RateLimit limit;
    /** One bucket per configured key name: bounded by the configuration, not by callers. */
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestQuota(GatewaySecurityProperties properties) {
        this.limit = properties.rateLimit();
    }

    GatewaySecurityProperties.RateLimit limit() {
        return limit;
    }

    ConsumptionProbe takeOne(String keyName) {
        return bucket(keyName).tryConsumeAndReturnRemaining(1);
    }

    /**
     * Charges the calling key for {@code requests} more requests. The request was let in, so it is served; the
     * bucket goes into debt instead, and the key's next requests wait until it has paid: a batch of 500 counts as
     * 500 registrations without being refused for being larger than the burst.
     */
    public void charge(int requests) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (!limit.enabled() || requests < 1 || !(caller instanceof ApiKeyAuthentication key)) return;
        bucket(key.getName()).consumeIgnoringRateLimits(requests);
    }

    private Bucket bucket(String keyName) {
        return buckets.computeIfAbsent(
                keyName,
                name -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(limit.burst())
                                .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1))
                                .build())
                        .build());
    }
}
