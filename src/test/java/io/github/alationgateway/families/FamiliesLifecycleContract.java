package io.github.alationgateway.families;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The job families beyond the plain job API, through the running gateway against a fake Alation, written once
 * and run by each database subclass unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class FamiliesLifecycleContract {

    static final FakeAlation alation = FakeAlation.start();
    /** Alation job ids unique across test methods, since the database is shared within a class. */
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    GatewayApi api;

    static void fakeAlation(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
        // Short enough for a task Alation never knows to expire within the test, long enough for the others.
        registry.add("gateway.poll.deadline", () -> "20s");
    }

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    static long nextId() {
        return ids.incrementAndGet();
    }

    static String fixture(String name, String taskId) {
        try (var in = FamiliesLifecycleContract.class.getResourceAsStream("/details/data-dictionary/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace(PARTIAL_TASK, taskId).replace(FAILED_TASK, taskId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String PARTIAL_TASK = "3b1f6f0e-7d2a-4c55-9a61-0c2e8f4d9b17";
    static final String FAILED_TASK = "c04d2e11-5b7f-4f1a-8d39-71e6a2f0b5c8";

    /** A running task's answer with its progress. */
    static String running(String taskId, String state, int done, int total) {
        return "{\"id\": \"" + taskId + "\", \"type\": \"COMMIT_TO_CATALOG\", \"state\": \"" + state
                + "\", \"status\": null, \"progress\": {\"total_batches\": " + total
                + ", \"batches_completed\": " + done + "}, \"result\": null}";
    }

    List<String> logMessages(String id) {
        return api.get("/api/v1/jobs/" + id + "/logs")
                .body()
                .path("items")
                .valueStream()
                .map(e -> e.path("message").asString())
                .toList();
    }

    JsonNode awaitStatus(String id, String expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> expected.equals(api.job(id).path("status").asString()));
        return api.job(id);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "BUSINESS_POLICY_BULK_CREATE | ''                                                        | BUSINESS_POLICY_POST",
                "BUSINESS_POLICY_BULK_UPDATE | ''                                                        | BUSINESS_POLICY_PUT",
                "BUSINESS_POLICY_BULK_UPDATE | , \"kind\": \"GENERIC\"                                   | GENERIC",
                "BUSINESS_POLICY_BULK_CREATE | , \"method\": \"PUT\", \"endpoint\": \"/integration/v1/business_policies/\" | BUSINESS_POLICY_PUT",
            })
    void aBusinessPolicyTaskTypeSetsTheKindOnlyWhenTheClientSaidNothing(String type, String extra, String kind) {
        long id = nextId();
        alation.scriptById(id, status("successful", "Job finished", "[\"Successfully processed 2 items\"]"));

        JsonNode job = api.register("{\"response\": {\"task\": {\"id\": " + id + ", \"type\": \"" + type
                + "\", \"state\": \"QUEUED\", \"status\": \"NA\", \"links\": []}}" + extra + "}");

        assertThat(job.path("kind").asString()).isEqualTo(kind);
        JsonNode done = awaitStatus(job.path("id").asString(), "successful");
        assertThat(done.path("details").path("type").asString()).isEqualTo("JobDetails");
        assertThat(done.path("alation_job_id").asLong()).isEqualTo(id);
    }

    @Test
    void aDataDictionaryUploadRunsThenEndsPartiallySuccessfulWithItsErrorsAlreadyStored() {
        String task = UUID.randomUUID().toString();
        alation.scriptTask(
                task,
                FakeAlation.json(running(task, "QUEUED", 0, 8)),
                FakeAlation.json(running(task, "PROCESSING", 1, 8)),
                FakeAlation.json(running(task, "PROCESSING", 3, 8)),
                FakeAlation.json(running(task, "PROCESSING", 3, 8)),
                FakeAlation.json(running(task, "PROCESSING", 7, 8)),
                FakeAlation.json(fixture("task-partially-succeeded.json", task)));
        alation.scriptTaskErrors(task, FakeAlation.json(fixture("task-errors.json", task)));

        JsonNode registered = api.register("{\"response\": " + fixture("upload-accepted.json", task)
                + ", \"method\": \"PUT\", \"endpoint\": \"/integration/v1/data_dictionary/table/31/upload/\"}");
        String id = registered.path("id").asString();
        assertThat(registered.path("kind").asString()).isEqualTo("DATA_DICTIONARY_UPLOAD");
        assertThat(registered.path("alation_task_id").asString()).isEqualTo(task);
        assertThat(registered.path("alation_job_id").isNull()).isTrue();

        // The first view that shows the final status already holds the errors: they are written with it.
        AtomicReference<JsonNode> firstFinal = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode job = api.job(id);
                        if (!"partially_successful".equals(job.path("status").asString())) return false;
                        firstFinal.set(job);
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not partially_successful in time: " + api.job(id) + " " + logMessages(id), e);
        }
        JsonNode done = firstFinal.get();
        JsonNode details = done.path("details");
        assertThat(details.path("type").asString()).isEqualTo("DataDictionaryTaskDetails");
        assertThat(details.path("status").asString()).isEqualTo("partially_successful");
        assertThat(details.path("typed").asBoolean()).isTrue();
        assertThat(details.path("result").path("id").asString()).isEqualTo(task);
        assertThat(details.path("result").path("status").asString()).isEqualTo("PARTIALLY_SUCCEEDED");
        assertThat(details.path("result")
                        .path("result")
                        .path("records")
                        .path("failed")
                        .asLong())
                .isEqualTo(17);
        assertThat(details.path("result").path("dd_resource").path("otype").asString())
                .isEqualTo("table");
        assertThat(details.path("errors")).hasSize(2);
        assertThat(details.path("errors")
                        .path(0)
                        .path("details")
                        .path("items")
                        .path("range")
                        .path("start")
                        .path("key")
                        .asString())
                .isEqualTo("sales.orders.discount_pct");
        assertThat(details.path("errors").path(1).path("details").isNull()).isTrue();
        assertThat(done.path("msg").asString()).contains("1187 succeeded", "17 failed", "No column with key");
        assertThat(done.path("progress").path("done").asLong()).isEqualTo(8);
        assertThat(done.path("progress").path("total").asLong()).isEqualTo(8);
        assertThat(alation.errorCallsOfTask(task)).isEqualTo(1);

        // One entry per tenth passed (1/8, 3/8, 7/8, 8/8), none for the poll that moved nothing.
        List<String> log = logMessages(id);
        assertThat(log.stream().filter(m -> m.startsWith("Progress:")))
                .containsExactly(
                        "Progress: 1 of 8 batches (10% or more)",
                        "Progress: 3 of 8 batches (30% or more)",
                        "Progress: 7 of 8 batches (80% or more)",
                        "Progress: 8 of 8 batches (100% or more)");

        // Found by its task id, and registered once however often it is handed over.
        JsonNode page = api.get("/api/v1/jobs?alation_task_id=" + task.toUpperCase(java.util.Locale.ROOT))
                .body();
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").path(0).path("id").asString()).isEqualTo(id);
        var again = api.post("/api/v1/jobs", "{\"response\": {\"task\": {\"id\": \"" + task + "\"}}}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("id").asString()).isEqualTo(id);
    }

    @Test
    void aFailedDataDictionaryUploadKeepsItsErrorAndSaysIt() {
        String task = UUID.randomUUID().toString();
        alation.scriptTask(
                task,
                FakeAlation.json(running(task, "PROCESSING", 0, 2)),
                FakeAlation.json(fixture("task-failed.json", task)));
        alation.scriptTaskErrors(task, FakeAlation.json(fixture("task-failed-errors.json", task)));

        String id = api.register("{\"response\": {\"task\": {\"id\": \"" + task + "\", \"state\": \"QUEUED\"}},"
                        + " \"kind\": \"DATA_DICTIONARY_UPLOAD\"}")
                .path("id")
                .asString();

        JsonNode done = awaitStatus(id, "failed");
        assertThat(done.path("details").path("errors")).hasSize(1);
        assertThat(done.path("details").path("errors").path(0).path("fatal").asBoolean())
                .isTrue();
        assertThat(done.path("details")
                        .path("result")
                        .path("dd_resource")
                        .path("oid")
                        .asString())
                .isEqualTo("7");
        assertThat(done.path("msg").asString()).contains("FAILED", "The file has no header row");
        assertThat(done.path("progress").path("done").asLong()).isZero();
        assertThat(alation.errorCallsOfTask(task)).isEqualTo(1);
    }

    @Test
    void aTaskAlationDoesNotKnowIsRetriedUntilTheDeadline() {
        String task = UUID.randomUUID().toString();
        alation.scriptTask(task, FakeAlation.http(404, "application/json", "{\"detail\": \"Not found.\"}"));

        String id = api.register("{\"response\": {\"task\": {\"id\": \"" + task + "\"}}}")
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "expired".equals(api.job(id).path("status").asString()));
        JsonNode expired = api.job(id);
        assertThat(expired.path("status_reason").asString())
                .contains("Not finished within 20s", "does not know data dictionary task " + task);
        assertThat(alation.pollsOfTask(task)).isGreaterThan(2);
        assertThat(alation.errorCallsOfTask(task)).isZero();
        assertThat(expired.path("details").path("errors")).isEmpty();
        assertThat(expired.path("progress").isNull()).isTrue();
    }
}
