package io.github.alationgateway.alation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code gateway.instances.*}: the Alation servers this gateway talks to, and nothing else. */
@ConfigurationProperties("gateway")
public record AlationProperties(
        Map<String, Instance> instances, @DefaultValue Poll poll) {

    public AlationProperties {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
    }

    public Duration requestTimeout() {
        return poll.requestTimeout();
    }

    /** The part of {@code gateway.poll.*} that concerns the HTTP calls themselves. */
    public record Poll(@DefaultValue("10s") Duration requestTimeout) {}

    public record Instance(
            URI baseUrl,
            String accessToken,
            String refreshToken,
            Long userId,
            String clientId,
            String clientSecret,
            @DefaultValue("8") int maxConcurrentRequests,
            @DefaultValue("20") double maxRequestsPerSecond) {

        @Override
        public String toString() {
            return "Instance[baseUrl=" + baseUrl + ", credentials=" + (accessToken != null ? "access-token" : "none")
                    + ", maxConcurrentRequests=" + maxConcurrentRequests + ", maxRequestsPerSecond="
                    + maxRequestsPerSecond + "]";
        }
    }
}
