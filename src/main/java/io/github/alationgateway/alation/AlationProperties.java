package io.github.alationgateway.alation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gateway.instances.*}: the Alation servers this gateway talks to, and nothing else. Checked when bound so
 * that a mistake stops the start with a message naming the instance and the setting, instead of surfacing later as
 * jobs that never finish.
 *
 * <ul>
 *   <li>{@code gateway.poll.request-timeout} (10s): the longest one status call may take, token renewal included.
 *   <li>{@code gateway.instances.<name>.base-url} (required): http(s) address of the instance, may have a path.
 *   <li>exactly one of: {@code access-token}; {@code refresh-token} + {@code user-id}; {@code client-id} +
 *       {@code client-secret}.
 *   <li>{@code max-concurrent-requests} (8): calls in flight at once; beyond it calls are deferred.
 *   <li>{@code max-requests-per-second} (20; 0 = no limit, fractions allowed): beyond it calls are deferred.
 * </ul>
 */
@ConfigurationProperties("gateway")
public record AlationProperties(
        Map<String, Instance> instances, @DefaultValue Poll poll) {

    public AlationProperties {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
        poll = poll == null ? new Poll(null, null, null) : poll;
        instances.forEach(AlationProperties::check);
    }

    public Duration requestTimeout() {
        return poll.requestTimeout();
    }

    /** The interval also paces the probe calls of an instance whose circuit is open. */
    public Duration interval() {
        return poll.interval();
    }

    public DataSize maxAnswerSize() {
        return poll.maxAnswerSize();
    }

    /**
     * The part of {@code gateway.poll.*} that concerns the HTTP calls themselves ({@code interval} is checked by the
     * poller's own settings). {@code max-answer-size} (16MB): a larger answer from Alation is a fault of the call,
     * read no further, rather than a heap filled by one job.
     */
    public record Poll(
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("3s") Duration interval,
            @DefaultValue("16MB") DataSize maxAnswerSize) {

        public Poll {
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
            interval = interval == null ? Duration.ofSeconds(3) : interval;
            maxAnswerSize = maxAnswerSize == null ? DataSize.ofMegabytes(16) : maxAnswerSize;
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "gateway.poll.request-timeout must be positive, was " + requestTimeout);
            }
            if (maxAnswerSize.toBytes() < 1024 || maxAnswerSize.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(
                        "gateway.poll.max-answer-size must be between 1KB and 2GB, was " + maxAnswerSize);
            }
        }
    }

    /** How the gateway proves who it is to one instance; exactly one per instance. */
    public enum CredentialKind {
        NONE("none configured"),
        ACCESS_TOKEN("access-token"),
        REFRESH_TOKEN("refresh-token + user-id"),
        CLIENT_CREDENTIALS("client-id + client-secret");

        private final String settings;

        CredentialKind(String settings) {
            this.settings = settings;
        }

        @Override
        public String toString() {
            return settings;
        }
    }

    public record Instance(
            URI baseUrl,
            String accessToken,
            String refreshToken,
            Long userId,
            String clientId,
            String clientSecret,
            @DefaultValue("8") int maxConcurrentRequests,
            @DefaultValue("20") double maxRequestsPerSecond) {

        /** The one kind of credentials set, NONE when none is, or null when several are (rejected at binding). */
        public CredentialKind credentialKind() {
            boolean token = hasText(accessToken);
            boolean refresh = hasText(refreshToken) || userId != null;
            boolean client = hasText(clientId) || hasText(clientSecret);
            int kinds = (token ? 1 : 0) + (refresh ? 1 : 0) + (client ? 1 : 0);
            if (kinds == 0) {
                return CredentialKind.NONE;
            }
            if (kinds != 1) {
                return null;
            }
            return token
                    ? CredentialKind.ACCESS_TOKEN
                    : refresh ? CredentialKind.REFRESH_TOKEN : CredentialKind.CLIENT_CREDENTIALS;
        }

        /** Never shows a secret: this ends up in logs and in failure analysis at startup. */
        @Override
        public String toString() {
            CredentialKind kind = credentialKind();
            return "Instance[baseUrl=" + baseUrl + ", credentials=" + (kind == null ? "invalid" : kind)
                    + (userId != null ? ", userId=" + userId : "")
                    + (hasText(clientId) ? ", clientId=" + clientId : "")
                    + ", maxConcurrentRequests=" + maxConcurrentRequests + ", maxRequestsPerSecond="
                    + maxRequestsPerSecond + "]";
        }
    }

    private static void check(String name, Instance instance) {
        String prefix = "gateway.instances." + name + ".";
        if (instance == null) {
            throw new IllegalArgumentException(prefix + "base-url must be set");
        }
        URI url = instance.baseUrl();
        if (url == null) {
            throw new IllegalArgumentException(prefix + "base-url must be set");
        }
        if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException(
                    prefix + "base-url must be an http:// or https:// address with a host, was '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            // It would be logged and shown in health details with the rest of the address.
            throw new IllegalArgumentException(prefix + "base-url must not hold a user or password; set credentials"
                    + " with access-token, refresh-token + user-id, or client-id + client-secret");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(prefix + "base-url must not have a query or fragment");
        }
        checkCredentials(prefix, instance);
        if (instance.maxConcurrentRequests() < 1) {
            throw new IllegalArgumentException(
                    prefix + "max-concurrent-requests must be at least 1, was " + instance.maxConcurrentRequests());
        }
        double rate = instance.maxRequestsPerSecond();
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    prefix + "max-requests-per-second must be 0 (unlimited) or more, was " + rate);
        }
    }

    private static void checkCredentials(String prefix, Instance instance) {
        boolean token = hasText(instance.accessToken());
        boolean refresh = hasText(instance.refreshToken()) || instance.userId() != null;
        boolean client = hasText(instance.clientId()) || hasText(instance.clientSecret());
        int kinds = (token ? 1 : 0) + (refresh ? 1 : 0) + (client ? 1 : 0);
        // No credentials at all is allowed: the gateway starts (a first run, credentials still to come), the
        // instance's health says what is missing, and its jobs wait until a restart brings credentials.
        if (kinds > 1) {
            throw new IllegalArgumentException(prefix + "has more than one kind of credentials: set only one of"
                    + " access-token, refresh-token + user-id, client-id + client-secret");
        }
        if (refresh && (!hasText(instance.refreshToken()) || instance.userId() == null)) {
            throw new IllegalArgumentException(prefix + (instance.userId() == null ? "user-id" : "refresh-token")
                    + " must be set together with " + (instance.userId() == null ? "refresh-token" : "user-id"));
        }
        if (client && (!hasText(instance.clientId()) || !hasText(instance.clientSecret()))) {
            throw new IllegalArgumentException(prefix + (hasText(instance.clientId()) ? "client-secret" : "client-id")
                    + " must be set together with "
                    + (hasText(instance.clientId()) ? "client-id" : "client-secret"));
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
