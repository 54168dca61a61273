package io.github.alationgateway.webhooks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every receiver by name: the configured endpoints, and the per-job callbacks once a callback secret is set. */
@Component
class Receivers {

    private final Map<String, Receiver> byName = new LinkedHashMap<>();

    Receivers(WebhookProperties settings) {
        settings.endpoints().forEach((name, endpoint) -> byName.put(name, Receiver.of(name, endpoint)));
        if (settings.callbackSecret() != null) byName.put(WebhookProperties.CALLBACKS, Receiver.callbacks(settings));
    }

    Collection<Receiver> all() {
        return byName.values();
    }

    Optional<Receiver> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<Receiver> callbacks() {
        return named(WebhookProperties.CALLBACKS);
    }
}
