package io.github.alationgateway.alation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.alationgateway.alation.Instances.NAME;
import static io.github.alationgateway.alation.Instances.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

class InstanceCircuitTest {

    private static final String STATUS = "/api/v1/bulk_metadata/job/";

    @RegisterExtension
    static WireMockExtension alation = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(8))
            .build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RestAlationClient client() {
        return anInstance(alation.baseUrl())
                .accessToken("t")
                .interval(Duration.ofSeconds(2))
                .maxAnswerSize(DataSize.ofKilobytes(64))
                .client(clock, meters);
    }

    @Test
    void aRunOfFaultsOpensTheCircuitOneProbeTestsItAndTheFirstSuccessClosesIt() {
        // GIVEN an instance that answers 502 to everything
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(502)));
        RestAlationClient client = client();

        // WHEN ten calls in a row fail
        for (int i = 0; i < InstanceCircuit.THRESHOLD; i++) {
            assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(i))).isInstanceOf(JobStatusAnswer.Unavailable.class);
        }

        // THEN the circuit is open: the next calls are held back without reaching Alation, at no cost to the job
        JobStatusAnswer heldBack = client.fetchStatus(NAME, AlationJobRef.ofId(100));
        assertThat(heldBack).isInstanceOfSatisfying(JobStatusAnswer.Deferred.class, d -> {
            assertThat(d.retryAfter()).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
            assertThat(d.reason()).startsWith("held back: the instance's circuit is open after 10 faults in a row");
            assertThat(d.reason()).contains("Alation answered HTTP 502");
        });
        alation.verify(InstanceCircuit.THRESHOLD, getRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(client.health().get(NAME).health().getDetails()).containsEntry("circuit", "open");
        assertThat(client.health().get(NAME).health().getStatus().getCode()).isEqualTo("UNKNOWN");
        assertThat(meters.get("gateway.alation.circuit.open")
                        .tag("instance", NAME)
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(meters.get("gateway.alation.circuit.opened")
                        .tag("instance", NAME)
                        .functionCounter()
                        .count())
                .isEqualTo(1);

        // WHEN the probe time comes and the instance still fails
        clock.advance(Duration.ofMillis(2400));
        for (int i = 0; i < InstanceCircuit.PROBES; i++) {
            assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(101)))
                    .isInstanceOf(JobStatusAnswer.Unavailable.class);
        }

        // THEN those few probes went out, one after the other, and the circuit is open again for one more interval
        alation.verify(InstanceCircuit.THRESHOLD + InstanceCircuit.PROBES, getRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(102))).isInstanceOf(JobStatusAnswer.Deferred.class);
        alation.verify(InstanceCircuit.THRESHOLD + InstanceCircuit.PROBES, getRequestedFor(urlPathEqualTo(STATUS)));

        // WHEN the instance is back and the next probe is due
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        clock.advance(Duration.ofMillis(2400));

        // THEN the probe succeeds, the circuit closes, and every call goes out again
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(103))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(104))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(105))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.health().get(NAME).health().getDetails())
                .containsEntry("circuit", "closed")
                .containsEntry("faultsInARow", 0);
        assertThat(meters.get("gateway.alation.circuit.open")
                        .tag("instance", NAME)
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void scatteredFaultsNeverOpenTheCircuit() {
        // GIVEN an instance where every fifth call succeeds, far more faults than the 22 % of a bad day
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
        RestAlationClient client = client();

        // WHEN 50 calls are made, nine faults then one success, five times over
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < InstanceCircuit.THRESHOLD - 1; i++) {
                assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(i)))
                        .isInstanceOf(JobStatusAnswer.Unavailable.class);
            }
            alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
            assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(99))).isInstanceOf(JobStatusAnswer.Status.class);
            alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
        }

        // THEN every call reached Alation; nothing was held back
        alation.verify(50, getRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(client.health().get(NAME).health().getDetails()).containsEntry("circuit", "closed");
    }

    @Test
    void throttlingNeitherOpensNorClosesTheCircuit() {
        // GIVEN an open circuit
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(500)));
        RestAlationClient client = client();
        for (int i = 0; i < InstanceCircuit.THRESHOLD; i++) client.fetchStatus(NAME, AlationJobRef.ofId(i));

        // WHEN the probe is answered 429
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        clock.advance(Duration.ofMillis(2400));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(50))).isInstanceOf(JobStatusAnswer.Throttled.class);

        // THEN the circuit is not closed by it, and after the 1 s pause the next caller probes at once
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        clock.advance(Duration.ofMillis(1000));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(51))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.health().get(NAME).health().getDetails()).containsEntry("circuit", "closed");
    }

    @Test
    void anAnswerPastTheSizeCapIsUnreadableAndNoFaultOfTheInstance() {
        // GIVEN a job whose answer is 100 KB, over the 64 KB cap, sent with and without a Content-Length
        String big = "{\"status\":\"successful\",\"result\":\"" + "x".repeat(100 * 1024) + "\"}";
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson(big)));
        RestAlationClient client = client();

        // WHEN it is polled more often than would open the circuit
        for (int i = 0; i < InstanceCircuit.THRESHOLD + 2; i++) {
            assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(7)))
                    .isInstanceOfSatisfying(
                            JobStatusAnswer.Unreadable.class,
                            u -> assertThat(u.reason())
                                    .isEqualTo("answer larger than the 64 KB cap (gateway.poll.max-answer-size)"));
        }
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson(big).withChunkedDribbleDelay(4, 1)));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(7))).isInstanceOf(JobStatusAnswer.Unreadable.class);

        // THEN the instance stays closed: its other jobs are polled as usual
        assertThat(client.health().get(NAME).health().getDetails()).containsEntry("circuit", "closed");
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(8))).isInstanceOf(JobStatusAnswer.Status.class);
    }
}
