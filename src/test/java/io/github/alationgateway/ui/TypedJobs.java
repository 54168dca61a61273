package io.github.alationgateway.ui;

import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Three ended jobs whose details the job page renders for a person: a document post with created terms, a table
 * upsert with its mapping, and a column upsert that failed with errors (labelled for the broken webhook).
 */
record TypedJobs(JsonNode documentPost, JsonNode table, JsonNode failedColumns) {

    static TypedJobs register(GatewayApi writer, FakeAlation alation, LongSupplier alationIds) {
        long doc = alationIds.getAsLong();
        long table = alationIds.getAsLong();
        long failed = alationIds.getAsLong();
        alation.scriptById(doc, FakeAlation.status("successful", "Job finished in 0.08 seconds", """
                {"created_term_count": 2, "created_terms": [
                  {"id": 4201, "title": "Quarterly revenue"}, {"id": 4202, "title": "Churn rate"}]}"""));
        alation.scriptById(table, FakeAlation.status("successful", "Job finished", """
                [{"response": "Upserted 2 table objects.", "mapping": [
                  {"id": 1040, "key": "9.sales.returns"}, {"id": 1041, "key": "9.sales.commissions"}], "errors": []}]"""));
        alation.scriptById(failed, FakeAlation.status("failed", "Job failed", """
                [{"response": "Upserted 0 column objects.", "mapping": [],
                  "errors": ["Column '9.sales.orders.amount' belongs to a table that does not exist"]}]"""));
        TypedJobs jobs = new TypedJobs(
                writer.register("""
                        {"instance": "prod", "kind": "DOCUMENT_POST", "labels": {"pipeline": "nightly"},
                         "response": {"job_id": %d}}""".formatted(doc)),
                writer.register("""
                        {"instance": "prod", "method": "POST", "endpoint": "/integration/v2/table/?ds_id=9",
                         "response": {"job_id": %d}}""".formatted(table)),
                writer.register("""
                        {"instance": "test", "method": "POST", "endpoint": "/integration/v2/column/?ds_id=9",
                         "labels": {"pipeline": "nightly", "hook": "broken"}, "response": {"job_id": %d}}""".formatted(failed)));
        for (JsonNode job : List.of(jobs.documentPost(), jobs.table(), jobs.failedColumns())) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !writer.get("/api/v1/jobs/" + job.path("id").asString())
                            .body()
                            .path("finished_at")
                            .isNull());
        }
        return jobs;
    }
}
