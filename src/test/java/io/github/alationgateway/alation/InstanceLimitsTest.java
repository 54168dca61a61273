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
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstanceLimitsTest {

    private static final String STATUS = "/api/v1/bulk_metadata/job/";

    @RegisterExtension
    static WireMockExtension alation = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(20))
            .build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));

    private RestAlationClient client() {
        return anInstance(alation.baseUrl()).accessToken("t").client(clock);
    }

    @Test
    void a429WithSecondsThrottlesThenPausesTheWholeInstance() {
        // GIVEN
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        RestAlationClient client = client();

        // WHEN
        JobStatusAnswer throttled = client.fetchStatus(NAME, AlationJobRef.ofId(1));
        JobStatusAnswer otherJob = client.fetchStatus(NAME, AlationJobRef.ofName("another#job"));

        // THEN only the first call reached Alation
        assertThat(throttled).isInstanceOfSatisfying(JobStatusAnswer.Throttled.class, t -> {
            assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(t.reason()).isEqualTo("Alation answered HTTP 429 (too many requests); retry after 7s");
        });
        assertThat(otherJob).isInstanceOfSatisfying(JobStatusAnswer.Deferred.class, d -> {
            assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(d.reason())
                    .isEqualTo("held back: Alation answered HTTP 429 and asked to wait; instance paused until"
                            + " 2026-11-29T06:00:07Z");
        });
        alation.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(client.health().get(NAME).health().getDetails())
                .containsEntry("throttledUntil", "2026-11-29T06:00:07Z");

        // WHEN the pause is over
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        clock.advance(Duration.ofSeconds(3));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Deferred.class,
                        d -> assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
        clock.advance(Duration.ofSeconds(4));

        // THEN calls go out again
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(2, getRequestedFor(urlPathEqualTo(STATUS)));
    }

    @Test
    void a429WithAnHttpDateIsHonoured() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", in30s)));
        RestAlationClient client = client();

        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Throttled.class,
                        t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(29));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Deferred.class);
        alation.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
    }

    @Test
    void a429WithoutRetryAfterWaitsTheDefault() {
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(429)));

        assertThat(client().fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Throttled.class,
                        t -> assertThat(t.retryAfter()).isEqualTo(RetryAfter.DEFAULT));
    }

    @Test
    void a503WithRetryAfterIsUnavailableAndPausesTheInstance() {
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "60")));
        RestAlationClient client = client();

        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.Unavailable("Alation answered HTTP 503 and asked to retry after 1m"));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Deferred.class);
        alation.verify(1, getRequestedFor(urlPathEqualTo(STATUS)));
    }

    @Test
    void aCallBeyondTheConcurrencyLimitIsDeferredQuicklyWithoutReachingAlation() throws Exception {
        // GIVEN two slow requests in flight on an instance allowing two
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(okJson("{\"status\":\"running\"}").withFixedDelay(3_000)));
        RestAlationClient client = anInstance(alation.baseUrl())
                .accessToken("t")
                .maxConcurrent(2)
                .timeout(Duration.ofSeconds(5))
                .client(clock);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<JobStatusAnswer>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                long id = i;
                slow.add(CompletableFuture.supplyAsync(() -> client.fetchStatus(NAME, AlationJobRef.ofId(id)), pool));
            }
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> alation.getAllServeEvents().size() == 2);

            // WHEN a third call comes
            long start = System.nanoTime();
            JobStatusAnswer third = client.fetchStatus(NAME, AlationJobRef.ofId(3));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // THEN it is held back at once, and the slow ones finish normally
            assertThat(third).isInstanceOfSatisfying(JobStatusAnswer.Deferred.class, d -> {
                assertThat(d.retryAfter()).isEqualTo(InstanceLimits.SLOT_RETRY);
                assertThat(d.reason()).isEqualTo("held back: all 2 request slots of the instance are busy");
            });
            assertThat(took).isLessThan(Duration.ofMillis(1_000));
            for (CompletableFuture<JobStatusAnswer> answer : slow) {
                assertThat(answer.get()).isInstanceOf(JobStatusAnswer.Status.class);
            }
            alation.verify(2, getRequestedFor(urlPathEqualTo(STATUS)));
            assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(3))).isInstanceOf(JobStatusAnswer.Status.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callsBeyondTheRatePerSecondAreDeferredUntilTheBucketRefills() {
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        RestAlationClient client =
                anInstance(alation.baseUrl()).accessToken("t").perSecond(2).client(clock);

        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(2))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(3)))
                .isInstanceOfSatisfying(JobStatusAnswer.Deferred.class, d -> {
                    assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(500));
                    assertThat(d.reason())
                            .isEqualTo("held back: the instance's limit of 2 requests per second is reached");
                });
        alation.verify(2, getRequestedFor(urlPathEqualTo(STATUS)));

        clock.advance(Duration.ofMillis(500));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(3))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(4))).isInstanceOf(JobStatusAnswer.Deferred.class);
    }

    @Test
    void aFractionalRateIsKept() {
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(okJson("{\"status\":\"running\"}")));
        RestAlationClient client =
                anInstance(alation.baseUrl()).accessToken("t").perSecond(0.5).client(clock);

        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(2)))
                .isInstanceOfSatisfying(
                        JobStatusAnswer.Deferred.class,
                        d -> assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
    }
}
