package io.github.alationgateway.operations;

import static io.github.alationgateway.support.FakeAlation.http;
import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;

/** What an operator and a client developer see besides the API: health groups, metrics, the API's document. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsEndpointsTest {

    static final FakeAlation alation = FakeAlation.start();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
        registry.add("gateway.metrics.jobs-refresh", () -> "100ms");
    }

    @LocalServerPort
    int port;

    GatewayApi api;

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    @Test
    void livenessHasTheProcessAndItsLoopsAndReadinessAddsTheDatabase() {
        GatewayApi.Answer liveness = api.get("/actuator/health/liveness");
        GatewayApi.Answer readiness = api.get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body().path("status").asString()).isEqualTo("UP");
        assertThat(names(liveness.body().path("components"))).containsExactlyInAnyOrder("livenessState", "loops");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("status").asString()).isEqualTo("UP");
        assertThat(names(readiness.body().path("components"))).containsExactlyInAnyOrder("db", "readinessState");
    }

    @Test
    void anAlationOutageLeavesLivenessAndReadinessUp() {
        long id = ids.incrementAndGet();
        alation.scriptById(id, http(503, "text/html", "<html>Service Unavailable</html>"));
        String job = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(job).path("status_reason").isNull() && alation.pollsOfId(id) >= 2);

        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void prometheusShowsTheGatewaysMetersOnceAJobRan() {
        long id = ids.incrementAndGet();
        alation.scriptById(
                id, status("running", "Job is running", null), status("successful", "Job finished", "[\"ok\"]"));
        String job = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "successful".equals(api.job(job).path("status").asString()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = api.get("/actuator/prometheus").raw().body();
            assertThat(scrape)
                    .containsPattern("(?m)^gateway_jobs\\{instance=\"default\",status=\"successful\"} [1-9]")
                    // Every status is reported, so that a count that drops to zero shows as zero.
                    .containsPattern("(?m)^gateway_jobs\\{instance=\"default\",status=\"expired\"} 0")
                    .containsPattern("(?m)^gateway_registrations_total\\{.*instance=\"default\".*} [1-9]")
                    .containsPattern("(?m)^gateway_poll_lag_seconds_count [1-9]");
        });
    }

    /** The Alation client's own meters arrive with the hardened client (PollMetrics). */
    @Test
    void prometheusShowsTheAlationCallsOnceAJobWasPolled() {
        assumeTrue(
                ClassUtils.isPresent("io.github.alationgateway.alation.PollMetrics", null),
                "the Alation client's meters arrive with the alation branch");
        long id = ids.incrementAndGet();
        alation.scriptById(id, status("successful", "Job finished", null));
        String job = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "successful".equals(api.job(job).path("status").asString()));

        String scrape = api.get("/actuator/prometheus").raw().body();
        assertThat(scrape)
                .containsPattern("(?m)^gateway_polls_total\\{.*instance=\"default\".*} [1-9]")
                .containsPattern("(?m)^gateway_poll_latency_seconds_count\\{.*instance=\"default\".*} [1-9]");
    }

    /**
     * Spring Security's own observations (one around each of its ~15 filters, and the chain's) are off: they cost a
     * read a third of its CPU and say nothing that the request's own timer does not.
     */
    @Test
    void requestsAreTimedWholeButSecuritysFiltersAreNotObservedOneByOne() {
        // GIVEN requests that went through the security filter chain, authenticated and not
        assertThat(api.get("/api/v1/jobs?page_size=1").status()).isEqualTo(200);
        assertThat(api.withKey(null).get("/api/v1/jobs").status()).isEqualTo(401);

        // WHEN the metrics are scraped
        String scrape = api.get("/actuator/prometheus").raw().body();

        // THEN the requests were timed, and no observation of the filter chain, authentication or authorization
        assertThat(scrape)
                .containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/api/v1/jobs\".*} [1-9]")
                .doesNotContain("spring_security_");
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithTheBearerKey() {
        GatewayApi.Answer answer = api.get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode doc = answer.body();

        assertThat(names(doc.path("paths")))
                .contains(
                        "/api/v1/jobs",
                        "/api/v1/jobs/{id}",
                        "/api/v1/jobs/{id}/logs",
                        "/api/v1/jobs/{id}/poll",
                        "/api/v1/jobs/stats");
        JsonNode scheme = doc.path("components").path("securitySchemes").path("bearer-key");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(doc.path("security").path(0).has("bearer-key")).isTrue();
        assertThat(doc.path("info").path("title").asString()).isEqualTo("Alation job-tracking gateway");

        JsonNode list = doc.path("paths").path("/api/v1/jobs").path("get");
        List<String> parameters = new ArrayList<>();
        list.path("parameters").forEach(p -> parameters.add(p.path("name").asString()));
        assertThat(parameters)
                .contains("status", "kind", "instance", "label", "page_size", "cursor", "registered_after");
        assertThat(list.path("parameters").findValues("description"))
                .allMatch(d -> !d.asString().isBlank());

        JsonNode register = doc.path("paths").path("/api/v1/jobs").path("post");
        assertThat(names(register.path("responses"))).contains("200", "201", "400", "401", "403", "429");
        assertThat(names(register.path("responses").path("400").path("content")))
                .containsExactly("application/problem+json");
        JsonNode job = doc.path("paths").path("/api/v1/jobs/{id}").path("get").path("responses");
        assertThat(names(job)).contains("404", "401", "403", "429");
        assertThat(job.path("404")
                        .path("content")
                        .path("application/problem+json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(names(doc.path("components").path("schemas").path("Problem").path("properties")))
                .contains("status", "detail", "field");
        assertThat(names(doc.path("paths")
                        .path("/api/v1/jobs/{id}/poll")
                        .path("post")
                        .path("responses")))
                .contains("202", "404", "409");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    private static List<String> names(JsonNode object) {
        return StreamSupport.stream(object.propertyNames().spliterator(), false).toList();
    }
}
