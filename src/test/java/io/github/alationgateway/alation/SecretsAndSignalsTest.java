package io.github.alationgateway.alation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.alationgateway.alation.Instances.NAME;
import static io.github.alationgateway.alation.Instances.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What operators see: reasons, log lines, health and meters; and that no secret shows in any of them. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsAndSignalsTest {

    private static final String MINT = "/integration/v1/createAPIAccessToken/";
    private static final String OAUTH = "/oauth/v2/token/";
    private static final String STATUS = "/api/v1/bulk_metadata/job/";
    private static final List<String> SECRETS =
            List.of("access-S3CRET", "refresh-S3CRET", "client-S3CRET", "minted-S3CRET");

    @RegisterExtension
    static WireMockExtension alation = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));

    @Test
    void noSecretInReasonsSettingsOrLogs(CapturedOutput output) {
        // GIVEN every kind of credentials, each rejected in its own way, with Alation echoing what it was sent
        List<Instances> instances = List.of(
                anInstance(alation.baseUrl()).accessToken("access-S3CRET"),
                anInstance(alation.baseUrl()).refreshToken("refresh-S3CRET", 7),
                anInstance(alation.baseUrl()).clientCredentials("gateway", "client-S3CRET"));
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson("{\"status\":\"failed\",\"msg\":\"refresh-S3CRET is revoked\"}")));
        alation.stubFor(post(urlEqualTo(OAUTH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"client-S3CRET\"}")));
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(aResponse().withStatus(401).withBody("bad token access-S3CRET minted-S3CRET")));

        // WHEN
        List<String> seen = new ArrayList<>();
        for (Instances instance : instances) {
            seen.add(instance.settings().toString());
            seen.add(instance.properties().toString());
            RestAlationClient client = instance.client(clock);
            JobStatusAnswer answer = client.fetchStatus(NAME, AlationJobRef.ofId(1));
            assertThat(answer).isInstanceOf(JobStatusAnswer.CredentialsRejected.class);
            seen.add(answer.toString());
            seen.add(client.health().get(NAME).health().toString());
        }
        seen.add(output.getAll());

        // THEN
        for (String text : seen) {
            for (String secret : SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
        assertThat(output.getAll()).contains("rejects the gateway's credentials");
    }

    @Test
    void warnsOncePerChangeOfTheCredentialsState(CapturedOutput output) {
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(401)));
        RestAlationClient client =
                anInstance(alation.baseUrl()).accessToken("t").client(clock);

        for (int i = 0; i < 3; i++) {
            client.fetchStatus(NAME, AlationJobRef.ofId(i));
        }
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        client.fetchStatus(NAME, AlationJobRef.ofId(1));
        client.fetchStatus(NAME, AlationJobRef.ofId(2));

        assertThat(occurrences(output.getAll(), "rejects the gateway's credentials"))
                .isEqualTo(1);
        assertThat(occurrences(output.getAll(), "accepts the gateway's credentials again"))
                .isEqualTo(1);
    }

    @Test
    void healthStaysUpOrUnknownAndShowsWhatHappened() {
        RestAlationClient client =
                anInstance(alation.baseUrl()).accessToken("t").client(clock);
        InstanceHealth health = client.health().get(NAME);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("credentials", "not yet used");

        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(502)));
        client.fetchStatus(NAME, AlationJobRef.ofId(1));
        Health troubled = health.health();
        assertThat(troubled.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(troubled.getDetails())
                .containsEntry("lastOutcome", "unavailable")
                .containsEntry("lastReason", "Alation answered HTTP 502")
                .containsEntry("lastCallAt", "2026-11-29T06:00:00Z");

        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        client.fetchStatus(NAME, AlationJobRef.ofId(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails())
                .containsEntry("credentials", "accepted")
                .containsEntry("lastOutcome", "status")
                .doesNotContainKey("lastReason");
    }

    @Test
    void recordsLatencyAndOutcomesPerInstance() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RestAlationClient client =
                anInstance(alation.baseUrl()).accessToken("t").perSecond(1).client(clock, registry);
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));

        client.fetchStatus(NAME, AlationJobRef.ofId(1));
        client.fetchStatus(NAME, AlationJobRef.ofId(1)); // over the rate: deferred, nothing sent

        assertThat(registry.get("gateway.poll.latency")
                        .tag("instance", NAME)
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("gateway.polls")
                        .tags("instance", NAME, "outcome", "status")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("gateway.polls")
                        .tags("instance", NAME, "outcome", "deferred")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("gateway.polls").counters()).hasSize(PollOutcome.values().length);
    }

    @Test
    void aMintedTokenNeverShowsInLogsOrHealth(CapturedOutput output) {
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson("{\"api_access_token\":\"minted-S3CRET\",\"token_status\":\"ACTIVE\","
                        + "\"token_expires_at\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}")));
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        RestAlationClient client =
                anInstance(alation.baseUrl()).refreshToken("refresh-S3CRET", 7).client(clock);

        client.fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(output.getAll() + client.health().get(NAME).health())
                .doesNotContain("minted-S3CRET")
                .doesNotContain("refresh-S3CRET");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
