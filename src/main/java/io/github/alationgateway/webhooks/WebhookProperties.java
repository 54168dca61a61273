package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gateway.webhooks.*}: where events go. Checked when bound, so that a mistake stops the start with a message
 * naming the setting. Secrets never print: {@link #toString()} and the records' own leave them out.
 *
 * <ul>
 *   <li>{@code endpoints.<name>}: {@code url}, {@code secret} (whsec_...), {@code events} ([job.ended]),
 *       optional filters {@code instances}, {@code kinds}, {@code labels} (all must match), and
 *       {@code max-concurrent} (4).
 *   <li>{@code callback-url-prefixes} (none): the only addresses a registration's {@code notify.url} may have.
 *   <li>{@code callback-secret}: signs per-job callbacks; required once prefixes are set.
 *   <li>{@code timeout} (15s), {@code retry-schedule} (0s,5s,5m,30m,2h,5h,10h,14h,20h,24h; each ±10 %).
 *   <li>{@code idle-wait} (250ms): how often a replica looks for deliveries made due elsewhere.
 * </ul>
 */
@ConfigurationProperties("gateway.webhooks")
public record WebhookProperties(
        Map<String, Endpoint> endpoints,
        List<URI> callbackUrlPrefixes,
        String callbackSecret,
        @DefaultValue("4") int callbackMaxConcurrent,
        @DefaultValue("15s") Duration timeout,

        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
        List<Duration> retrySchedule,

        @DefaultValue("250ms") Duration idleWait,
        @DefaultValue("100") int batchSize) {

    /** The name deliveries of per-job callbacks go under; no configured endpoint may take it. */
    public static final String CALLBACKS = "callbacks";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public WebhookProperties {
        endpoints = endpoints == null ? Map.of() : new LinkedHashMap<>(endpoints);
        callbackUrlPrefixes = callbackUrlPrefixes == null ? List.of() : List.copyOf(callbackUrlPrefixes);
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        retrySchedule = retrySchedule == null || retrySchedule.isEmpty()
                ? List.of(
                        Duration.ZERO,
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(5),
                        Duration.ofHours(10),
                        Duration.ofHours(14),
                        Duration.ofHours(20),
                        Duration.ofHours(24))
                : List.copyOf(retrySchedule);
        idleWait = idleWait == null ? Duration.ofMillis(250) : idleWait;
        endpoints.forEach(WebhookProperties::check);
        for (URI prefix : callbackUrlPrefixes) checkUrl("gateway.webhooks.callback-url-prefixes", prefix);
        if (!callbackUrlPrefixes.isEmpty() || callbackSecret != null) {
            WebhookSecret.parse("gateway.webhooks.callback-secret", callbackSecret);
        }
        positive("gateway.webhooks.timeout", timeout);
        positive("gateway.webhooks.idle-wait", idleWait);
        for (Duration step : retrySchedule) {
            if (step.isNegative()) {
                throw new IllegalArgumentException("gateway.webhooks.retry-schedule must not hold negative durations");
            }
        }
        if (callbackMaxConcurrent < 1) {
            throw new IllegalArgumentException("gateway.webhooks.callback-max-concurrent must be at least 1");
        }
        if (batchSize < 1) throw new IllegalArgumentException("gateway.webhooks.batch-size must be at least 1");
    }

    /** One receiver configured by the operator. */
    public record Endpoint(
            URI url,
            String secret,
            @DefaultValue("job.ended") List<String> events,
            List<String> instances,
            List<String> kinds,
            Map<String, String> labels,
            @DefaultValue("4") int maxConcurrent) {

        public Endpoint {
            events = events == null || events.isEmpty() ? List.of(EventType.ENDED.wire()) : List.copyOf(events);
            instances = instances == null ? List.of() : List.copyOf(instances);
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }

        @Override
        public String toString() {
            return "Endpoint[url=" + url + ", secret=******, events=" + events + ", instances=" + instances + ", kinds="
                    + kinds + ", labels=" + labels + ", maxConcurrent=" + maxConcurrent + "]";
        }
    }

    @Override
    public String toString() {
        return "WebhookProperties[endpoints=" + endpoints + ", callbackUrlPrefixes=" + callbackUrlPrefixes
                + ", callbackSecret=" + (callbackSecret == null ? "none" : "******") + ", timeout=" + timeout
                + ", retrySchedule=" + retrySchedule + "]";
    }

    private static void check(String name, Endpoint endpoint) {
        String prefix = "gateway.webhooks.endpoints." + name + ".";
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "gateway.webhooks.endpoints: the name '" + name + "' may hold only letters, digits, '_', '.', '-'");
        }
        if (CALLBACKS.equals(name)) {
            throw new IllegalArgumentException("gateway.webhooks.endpoints." + CALLBACKS
                    + " is reserved for per-job callbacks; give this endpoint another name");
        }
        if (endpoint == null || endpoint.url() == null) throw new IllegalArgumentException(prefix + "url must be set");
        checkUrl(prefix + "url", endpoint.url());
        WebhookSecret.parse(prefix + "secret", endpoint.secret());
        List<String> known =
                java.util.Arrays.stream(EventType.values()).map(EventType::wire).toList();
        for (String event : endpoint.events()) {
            if (!known.contains(event)) {
                throw new IllegalArgumentException(
                        prefix + "events: unknown event '" + event + "'; known events: " + known);
            }
        }
        if (endpoint.maxConcurrent() < 1) {
            throw new IllegalArgumentException(prefix + "max-concurrent must be at least 1");
        }
    }

    static void checkUrl(String setting, URI url) {
        if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException(
                    setting + " must be an http:// or https:// address with a host, was '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(setting + " must not hold a user or password");
        }
        if (url.getRawFragment() != null) throw new IllegalArgumentException(setting + " must not have a fragment");
    }

    private static void positive(String setting, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }
}
