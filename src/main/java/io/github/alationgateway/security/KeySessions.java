package io.github.alationgateway.security;

import io.github.alationgateway.system.LogSafe;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Exchanges an API key for a dashboard session. The session holds the key's caller (name, role, instances), never
 * the key. Attempts are limited per client address with the API's rate settings, so guessing keys through the
 * form is no faster than through the API.
 */
public final class KeySessions {

    private static final Logger log = LoggerFactory.getLogger(KeySessions.class);
    /** Addresses remembered at once; past it the buckets start over, which only ever lets an address wait less. */
    private static final int MAX_ADDRESSES = 10_000;

    /** What came of an attempt; {@code retryAfterSeconds} is set only when the address must wait. */
    public record Attempt(boolean signedIn, long retryAfterSeconds) {}

    private final ApiKeys keys;
    private final GatewaySecurityProperties.RateLimit limit;
    private final Map<String, Bucket> attempts = new ConcurrentHashMap<>();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    KeySessions(ApiKeys keys, GatewaySecurityProperties.RateLimit limit) {
        this.keys = keys;
        this.limit = limit;
    }

    SecurityContextRepository repository() {
        return contexts;
    }

    /**
     * Signs the browser in when the key is known: a new session (the old one, and any id an attacker planted, is
     * dropped) that ends after {@code idleTimeout} without a request.
     */
    public Attempt signIn(String key, Duration idleTimeout, HttpServletRequest request, HttpServletResponse response) {
        String address = request.getRemoteAddr();
        if (limit.enabled()) {
            if (attempts.size() > MAX_ADDRESSES) attempts.clear();
            ConsumptionProbe probe =
                    attempts.computeIfAbsent(address, a -> newBucket()).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long seconds =
                        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
                return new Attempt(false, seconds);
            }
        }
        Optional<Caller> caller = key == null ? Optional.empty() : keys.find(key.trim());
        if (caller.isEmpty()) {
            // Neither the key nor a part of it is logged: a key pasted into the wrong field must not leak.
            log.info("Dashboard sign-in refused from {}", LogSafe.of(address));
            return new Attempt(false, 0);
        }
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate();
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, idleTimeout.toSeconds()));
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller.get()));
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        log.info("Dashboard sign-in of '{}' from {}", LogSafe.of(caller.get().name()), LogSafe.of(address));
        return new Attempt(true, 0);
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
