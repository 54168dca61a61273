package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.support.GatewayApi;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** A key limited to {@code prod} sees prod's jobs only; the others do not exist for it. */
class InstanceScopeTest extends SecuredGateway {

    /** Each call on a job of one instance, made by the prod-only writer. */
    static Stream<Arguments> scopedCalls() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/jobs/{id}", "prod", 200),
                Arguments.of("GET", "/api/v1/jobs/{id}", "test", 404),
                Arguments.of("GET", "/api/v1/jobs/{id}/logs", "prod", 200),
                Arguments.of("GET", "/api/v1/jobs/{id}/logs", "test", 404),
                Arguments.of("POST", "/api/v1/jobs/{id}/poll", "prod", 202),
                Arguments.of("POST", "/api/v1/jobs/{id}/poll", "test", 404));
    }

    @ParameterizedTest(name = "{0} {1} on a {2} job -> {3}")
    @MethodSource("scopedCalls")
    void aScopedKeyReachesOnlyItsInstancesJobs(String method, String pattern, String instance, int expected) {
        String id = registerOn(instance).path("id").asString();

        var answer = as(PROD_WRITER_KEY).send(method, pattern.replace("{id}", id), null, null);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(expected);
        if (expected == 404) {
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            // As if it did not exist: the same answer as for a job id nobody ever had.
            var unknown = as(PROD_WRITER_KEY).send(method, pattern.replace("{id}", "no-such-job"), null, null);
            assertThat(answer.body().path("title")).isEqualTo(unknown.body().path("title"));
        }
    }

    @Test
    void listsAndStatsCountOnlyTheKeysInstances() {
        registerOn("prod");
        registerOn("test");

        JsonNode scopedList =
                as(PROD_WRITER_KEY).get("/api/v1/jobs?page_size=500").body();
        JsonNode filteredToOther =
                as(PROD_WRITER_KEY).get("/api/v1/jobs?instance=test").body();
        JsonNode scopedStats = as(PROD_WRITER_KEY).get("/api/v1/jobs/stats").body();
        JsonNode allStats = admin.get("/api/v1/jobs/stats").body();

        assertThat(scopedList
                        .path("items")
                        .valueStream()
                        .map(job -> job.path("instance").asString()))
                .isNotEmpty()
                .containsOnly("prod");
        assertThat(filteredToOther.path("items").isEmpty()).isTrue();
        assertThat(scopedStats.path("by_instance").propertyNames()).containsExactly("prod");
        assertThat(allStats.path("by_instance").propertyNames()).contains("prod", "test");
        assertThat(scopedStats.path("by_instance").path("prod").asLong())
                .isEqualTo(allStats.path("by_instance").path("prod").asLong());
    }

    @Test
    void aScopedKeyRegistersOnItsInstanceOnlyAndIsNamedAsRegistrant() {
        GatewayApi prodWriter = as(PROD_WRITER_KEY);
        String body = "{\"instance\": \"%s\", \"response\": {\"job_id\": %d}}";

        var onProd = prodWriter.post("/api/v1/jobs", body.formatted("prod", nextAlationId()));
        var onTest = prodWriter.post("/api/v1/jobs", body.formatted("test", nextAlationId()));
        var withoutInstance = prodWriter.post("/api/v1/jobs", "{\"response\": {\"job_id\": " + nextAlationId() + "}}");

        assertThat(onProd.status()).isEqualTo(201);
        assertThat(onProd.body().path("registered_by").asString()).isEqualTo("prod-pipeline");
        assertThat(onTest.status()).isEqualTo(403);
        assertThat(onTest.header("Content-Type")).startsWith("application/problem+json");
        assertThat(onTest.body().path("detail").asString()).contains("test");
        // Two instances are configured, so the instance must be named; no silent pick of one the key cannot use.
        assertThat(withoutInstance.status()).isEqualTo(400);
    }

    @Test
    void registeredByIsTheKeysName() {
        var registered = as(WRITER_KEY)
                .post("/api/v1/jobs", "{\"instance\": \"test\", \"response\": {\"job_id\": " + nextAlationId() + "}}");

        assertThat(registered.body().path("registered_by").asString()).isEqualTo("nightly-pipeline");
        assertThat(List.of(201)).contains(registered.status());
    }
}
