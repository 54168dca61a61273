package io.github.alationgateway.webhooks;

import io.github.alationgateway.events.EventType;
import io.github.alationgateway.store.JobCallback;
import io.github.alationgateway.system.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Checks the {@code notify} of a registration: its address must lie under one of
 * {@code gateway.webhooks.callback-url-prefixes}, so that no caller can make the gateway send requests anywhere
 * else (into the internal network, say).
 */
@Component
public class Callbacks {

    static final String SETTING = "gateway.webhooks.callback-url-prefixes";

    private final List<URI> prefixes;

    Callbacks(WebhookProperties settings) {
        this.prefixes =
                settings.callbackUrlPrefixes().stream().map(URI::normalize).toList();
    }

    /** The callback to store, or a 400 naming the field and, for an address, the setting. */
    public JobCallback check(String url, List<String> events) {
        if (url == null || url.isBlank()) throw Problems.badField("notify.url", "'notify.url' is required");
        if (prefixes.isEmpty()) {
            throw Problems.badField(
                    "notify.url",
                    "Per-job callbacks are off: no address is allowed until the operator lists prefixes in " + SETTING);
        }
        URI uri = parse(url);
        if (prefixes.stream().noneMatch(prefix -> under(uri, prefix))) {
            throw Problems.badField(
                    "notify.url",
                    "'notify.url' " + Problems.quote(url) + " is not under any of the addresses in " + SETTING + ": "
                            + prefixes);
        }
        List<String> chosen = events == null || events.isEmpty() ? List.of(EventType.ENDED.wire()) : events;
        List<String> checked = new ArrayList<>();
        for (String event : chosen) {
            if (event == null || EventType.parse(event).isEmpty()) {
                throw Problems.badField(
                        "notify.events",
                        "Unknown event '" + Problems.quote(String.valueOf(event)) + "'; known events: "
                                + Arrays.stream(EventType.values())
                                        .map(EventType::wire)
                                        .toList());
            }
            if (!checked.contains(event)) checked.add(event);
        }
        return new JobCallback(uri.toString(), checked);
    }

    private static URI parse(String url) {
        if (url.length() > 2000) throw Problems.badField("notify.url", "'notify.url' is longer than 2000 characters");
        try {
            URI uri = new URI(url).normalize();
            WebhookProperties.checkUrl("'notify.url'", uri);
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw Problems.badField("notify.url", "'notify.url' is not a usable http(s) address: " + e.getMessage());
        }
    }

    /**
     * Same scheme, host and port, and a path that continues the prefix's at a segment boundary: a prefix
     * https://hooks.example.com/jobs admits /jobs and /jobs/x, but not /jobsx nor hooks.example.com.evil.
     */
    static boolean under(URI uri, URI prefix) {
        if (!uri.getScheme().equalsIgnoreCase(prefix.getScheme())) return false;
        if (!uri.getHost().toLowerCase(Locale.ROOT).equals(prefix.getHost().toLowerCase(Locale.ROOT))) return false;
        if (port(uri) != port(prefix)) return false;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String base = prefix.getRawPath() == null ? "" : prefix.getRawPath();
        if (path.contains("/../") || path.endsWith("/..")) return false;
        if (base.isEmpty() || base.equals("/")) return true;
        String stem = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return path.equals(stem) || path.startsWith(stem + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
