package io.github.alationgateway.security;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    private final RequestQuota quota;
    private final GatewaySecurityProperties.RateLimit limit;
    private final ProblemResponses problems;

    RateLimitFilter(RequestQuota quota, ProblemResponses problems) {
        this.quota = quota;
        this.limit = quota.limit();
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
        ConsumptionProbe probe = quota.takeOne(key.getName());
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
}
