package io.github.alationgateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings bind as the README says, and a mistake stops the start with a message naming the setting. */
class WebhookPropertiesTest {

    private static final String GOOD = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private static WebhookProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("gateway.webhooks", WebhookProperties.class);
    }

    private static Map<String, String> endpoint(String secret) {
        Map<String, String> values = new HashMap<>();
        values.put("gateway.webhooks.endpoints.ops-bus.url", "https://hooks.example.com/alation-jobs");
        if (secret != null) values.put("gateway.webhooks.endpoints.ops-bus.secret", secret);
        return values;
    }

    private static String failure(Map<String, String> values) {
        try {
            bind(values);
        } catch (BindException e) {
            Throwable cause = e;
            while (cause.getCause() != null) cause = cause.getCause();
            return cause.getMessage();
        }
        throw new AssertionError("bound without complaint: " + values);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        WebhookProperties settings = bind(endpoint(GOOD));

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.retrySchedule())
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(5),
                        Duration.ofHours(10),
                        Duration.ofHours(14),
                        Duration.ofHours(20),
                        Duration.ofHours(24));
        assertThat(settings.callbackUrlPrefixes()).isEmpty();
        WebhookProperties.Endpoint ops = settings.endpoints().get("ops-bus");
        assertThat(ops.events()).containsExactly("job.ended");
        assertThat(ops.maxConcurrent()).isEqualTo(4);
        assertThat(ops.instances()).isEmpty();
    }

    @Test
    void aSecretThatIsNotAStandardWebhooksSecretStopsTheStartNamingTheSetting() {
        String setting = "gateway.webhooks.endpoints.ops-bus.secret";
        for (String bad : List.of(
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "whsec_not*base64!",
                "whsec_" + Base64.getEncoder().encodeToString(new byte[23]),
                "whsec_" + Base64.getEncoder().encodeToString(new byte[65]))) {
            String message = failure(endpoint(bad));
            assertThat(message).as(bad).contains(setting).doesNotContain(bad.substring(6));
        }
        assertThat(failure(endpoint(null))).contains(setting);
        bind(endpoint("whsec_" + Base64.getEncoder().encodeToString(new byte[24])));
        bind(endpoint("whsec_" + Base64.getEncoder().encodeToString(new byte[64])));
    }

    @Test
    void otherMistakesAreNamedToo() {
        Map<String, String> unknownEvent = endpoint(GOOD);
        unknownEvent.put("gateway.webhooks.endpoints.ops-bus.events", "job.done");
        assertThat(failure(unknownEvent)).contains("gateway.webhooks.endpoints.ops-bus.events");

        Map<String, String> badUrl = endpoint(GOOD);
        badUrl.put("gateway.webhooks.endpoints.ops-bus.url", "ftp://hooks.example.com/");
        assertThat(failure(badUrl)).contains("gateway.webhooks.endpoints.ops-bus.url");

        Map<String, String> reserved = new HashMap<>();
        reserved.put("gateway.webhooks.endpoints.callbacks.url", "https://hooks.example.com/");
        reserved.put("gateway.webhooks.endpoints.callbacks.secret", GOOD);
        assertThat(failure(reserved)).contains("gateway.webhooks.endpoints.callbacks");

        Map<String, String> prefixesWithoutSecret =
                Map.of("gateway.webhooks.callback-url-prefixes", "https://hooks.example.com/jobs");
        assertThat(failure(prefixesWithoutSecret)).contains("gateway.webhooks.callback-secret");
    }

    @Test
    void printingTheSettingsNeverShowsASecret() {
        Map<String, String> values = endpoint(GOOD);
        values.put("gateway.webhooks.callback-url-prefixes", "https://hooks.example.com/jobs");
        values.put("gateway.webhooks.callback-secret", GOOD);
        WebhookProperties settings = bind(values);

        assertThat(settings.toString()).doesNotContain(GOOD).contains("ops-bus");
        assertThat(new Receivers(settings).all().toString()).doesNotContain(GOOD);
    }
}
