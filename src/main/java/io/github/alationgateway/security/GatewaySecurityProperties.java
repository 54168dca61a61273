package io.github.alationgateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.security.*}: who may call the gateway, how often, and from which browser origins. The records
 * print without keys or key hashes, so logging them or failing on them never leaks a secret.
 */
@ConfigurationProperties("gateway.security")
record GatewaySecurityProperties(
        List<ApiKey> apiKeys,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors) {

    GatewaySecurityProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** One caller: a name shown as registered_by, its key (or the key's SHA-256), a role and optional scope. */
    record ApiKey(String name, String key, String keySha256, Role role, List<String> instances) {

        @Override
        public String toString() {
            return "ApiKey[name=" + name + ", role=" + role + ", instances=" + (instances == null ? "all" : instances)
                    + ", key=" + (key != null || keySha256 != null ? "******" : "none") + "]";
        }
    }

    /** Requests per second each key may make on average, and how many it may make at once; 0 turns it off. */
    record RateLimit(
            @DefaultValue("50") int requestsPerSecond,
            @DefaultValue("100") int burst) {

        RateLimit {
            if (requestsPerSecond < 0) {
                throw new IllegalArgumentException(
                        "gateway.security.rate-limit.requests-per-second must not be negative");
            }
            if (requestsPerSecond > 0 && burst < 1) {
                throw new IllegalArgumentException("gateway.security.rate-limit.burst must be at least 1");
            }
        }

        boolean enabled() {
            return requestsPerSecond > 0;
        }
    }

    /** Browser origins (e.g. a dashboard on another host) allowed to call the API; none by default. */
    record Cors(List<String> allowedOrigins) {

        Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    @Override
    public String toString() {
        return "GatewaySecurityProperties[apiKeys=" + apiKeys + ", rateLimit=" + rateLimit + ", cors=" + cors + "]";
    }
}
