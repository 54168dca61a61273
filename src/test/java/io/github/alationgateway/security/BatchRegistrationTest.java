package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/jobs/batch}: each item answers as the single registration would, in request order, and a
 * bad or forbidden item never fails the others; a repeated item, within the batch or after it, is the same job.
 */
class BatchRegistrationTest extends SecuredGateway {

    @Test
    void eachItemAnswersForItselfInRequestOrder() {
        long a = nextAlationId();
        long b = nextAlationId();
        String items = String.join(
                ",",
                "{\"instance\": \"prod\", \"response\": {\"job_id\": " + a + "}, \"labels\": {\"pipeline\": \"p7\"}}",
                "{\"instance\": \"prod\", \"response\": {\"error\": \"no handle\"}}",
                "{\"instance\": \"test\", \"response\": {\"job_id\": " + b + "}}",
                "{\"instance\": \"prod\", \"response\": {\"job_id\": " + a + "}}",
                "\"not an object\"",
                "{\"instance\": \"prod\", \"labels\": 5, \"response\": {\"job_id\": 1}}");

        var answer = as(PROD_WRITER_KEY).post("/api/v1/jobs/batch", "{\"items\": [" + items + "]}");

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        List<JsonNode> results = answer.body().path("items").valueStream().toList();
        assertThat(results).extracting(r -> r.path("status").asInt()).containsExactly(201, 400, 403, 200, 400, 400);
        assertThat(results.get(0).path("job").path("labels").path("pipeline").asString())
                .isEqualTo("p7");
        assertThat(results.get(0).path("job").path("registered_by").asString()).isEqualTo("prod-pipeline");
        assertThat(results.get(3).path("job").path("id"))
                .isEqualTo(results.get(0).path("job").path("id"));
        assertThat(results.get(1).path("job").isNull()).isTrue();
        assertThat(results.get(1).path("problem").path("field").asString()).isEqualTo("response");
        assertThat(results.get(2).path("problem").path("status").asInt()).isEqualTo(403);
        assertThat(results.get(0).path("problem").isNull()).isTrue();
        // The good item is tracked, exactly once; the refused one on 'test' is not.
        String id = results.get(0).path("job").path("id").asString();
        assertThat(admin.get("/api/v1/jobs/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/jobs?instance=test&alation_job_id=" + b)
                        .body()
                        .path("items")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aBatchHasOneTo500ItemsAndIsForWriters() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 501; i++) many.add("{\"instance\": \"prod\", \"response\": {\"job_id\": " + i + "}}");

        var tooMany = as(WRITER_KEY).post("/api/v1/jobs/batch", "{\"items\": [" + String.join(",", many) + "]}");
        var none = as(WRITER_KEY).post("/api/v1/jobs/batch", "{\"items\": []}");
        var byReader = as(READER_KEY).post("/api/v1/jobs/batch", "{\"items\": [" + many.get(0) + "]}");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooMany.body().path("field").asString()).isEqualTo("items");
        assertThat(none.status()).isEqualTo(400);
        assertThat(byReader.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/jobs?alation_job_id=0")
                        .body()
                        .path("items")
                        .isEmpty())
                .isTrue();
    }
}
