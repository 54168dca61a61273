package io.github.alationgateway.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per API key: a runaway script slows down to its share instead of crowding out the others.
 * Requests without a key (health probes) are not counted; they reach nothing that costs much.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final GatewaySecurityProperties.RateLimit limit;
    private final ProblemResponses problems;
    /** One bucket per configured key name: bounded by the configuration, not by callers. */
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(GatewaySecurityProperties.RateLimit limit, ProblemResponses problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!limit.enabled() || !(authentication instanceof ApiKeyAuthentication key)) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe =
                buckets.computeIfAbsent(key.getName(), name -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        problems.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "The API key '" + key.getName() + "' has made more than " + limit.requestsPerSecond()
                        + " requests per second (burst " + limit.burst() + "); retry after " + seconds + " s");
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }
}
