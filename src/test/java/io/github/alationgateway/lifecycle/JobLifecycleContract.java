package io.github.alationgateway.lifecycle;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's whole life through the running gateway against a fake Alation, written once and run by each database
 * subclass unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class JobLifecycleContract {

    static final FakeAlation alation = FakeAlation.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        registry.add("gateway.poll.max-stored-result", () -> "64KB");
    }

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    static long nextId() {
        return ids.incrementAndGet();
    }

    JsonNode awaitStatus(String id, String expected) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> expected.equals(api.job(id).path("status").asString()));
        return api.job(id);
    }

    @Test
    void aJobIdHandleIsPolledUntilAlationSaysItSucceeded() {
        long id = nextId();
        alation.scriptById(
                id,
                status("running", "Job is running", null),
                status("successful", "Job finished in 0.08 seconds", "[\"done\"]"));

        JsonNode registered =
                api.register("{\"response\": {\"job_id\": " + id + ", \"href\": \"/api/v1/bulk_metadata/job/?id=" + id
                        + "\"}, \"labels\": {\"pipeline\": \"nightly\"}}");

        assertThat(registered.path("status").asString()).isEqualTo("pending");
        JsonNode done = awaitStatus(registered.path("id").asString(), "successful");
        assertThat(done.path("alation_job_id").asLong()).isEqualTo(id);
        assertThat(done.path("msg").asString()).isEqualTo("Job finished in 0.08 seconds");
        assertThat(done.path("raw_result").toString()).isEqualTo("[\"done\"]");
        assertThat(done.path("finished_at").isNull()).isFalse();
        assertThat(done.path("next_poll_at").isNull()).isTrue();
        assertThat(done.path("labels").path("pipeline").asString()).isEqualTo("nightly");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"job_id\": %d}",
                "{\"id\": %d, \"status\": \"queued\"}",
                "{\"task\": {\"id\": %d, \"state\": \"PENDING\"}}",
                "{\"job\": {\"id\": %d}}"
            })
    void everyNumberedHandleShapeIsTrackedToItsEnd(String shape) {
        long id = nextId();
        alation.scriptById(id, status("successful", "done", null));

        JsonNode job = api.register("{\"response\": " + shape.formatted(id) + "}");

        assertThat(awaitStatus(job.path("id").asString(), "successful")
                        .path("alation_job_id")
                        .asLong())
                .isEqualTo(id);
    }

    @Test
    void aJobKnownByNameIsPolledWithTheWholeNameEncoded() {
        String name = "MetadataExtraction#" + nextId() + "_2026-11-29 04:02 & more+";
        alation.scriptByName(name, status("running", null, null), status("successful", "extracted", "\"{}\""));

        JsonNode job = api.register("{\"response\": {\"job_name\": \"" + name + "\"}}");

        JsonNode done = awaitStatus(job.path("id").asString(), "successful");
        assertThat(done.path("alation_job_name").asString()).isEqualTo(name);
        assertThat(done.path("alation_job_id").isNull()).isTrue();
        assertThat(alation.pollsOfName(name)).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "partially_successful"})
    void failedAndPartiallySuccessfulJobsEndAsAlationSays(String outcome) {
        long id = nextId();
        alation.scriptById(
                id, status("running", null, null), status(outcome, "Job finished with errors", "[\"row 3: bad\"]"));

        JsonNode job = api.register("{\"response\": {\"job_id\": " + id + "}}");

        JsonNode done = awaitStatus(job.path("id").asString(), outcome);
        assertThat(done.path("details").path("status").asString()).isEqualTo(outcome);
        assertThat(done.path("raw_result").path(0).asString()).isEqualTo("row 3: bad");
    }

    @Test
    void theLogTellsTheJobsStoryWithoutAnEntryPerUnchangedPoll() {
        long id = nextId();
        var running = status("running", "Job is running", null);
        alation.scriptById(
                id,
                running,
                running,
                running,
                running,
                running,
                running,
                running,
                running,
                status("running", "Half done", null),
                status("successful", "Finished", null));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        awaitStatus(jobId, "successful");

        JsonNode logs = api.get("/api/v1/jobs/" + jobId + "/logs").body().path("items");
        assertThat(logs.valueStream().map(e -> e.path("message").asString()).toList())
                .containsExactly(
                        // The test profile's API key registers, and its name is recorded.
                        "Registered job " + id + " on instance 'default' as GENERIC by test-admin",
                        "Alation reports status 'running': Job is running",
                        "Alation reports status 'running': Half done",
                        "Alation reports status 'successful': Finished",
                        "Tracking ended: successful");
        assertThat(logs.path(0).path("at").asString()).isNotBlank();
        assertThat(api.job(jobId).path("poll_count").asInt()).isEqualTo(10);
    }

    @Test
    void repeatedIdenticalFaultsAreFoldedAndNeverFailTheJob() {
        long id = nextId();
        var down = FakeAlation.http(503, "text/html", "<html>Service Unavailable</html>");
        alation.scriptById(id, down, down, down, status("successful", null, null));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        awaitStatus(jobId, "successful");

        JsonNode logs = api.get("/api/v1/jobs/" + jobId + "/logs").body().path("items");
        var failures = logs.valueStream()
                .filter(e -> e.path("level").asString().equals("WARN"))
                .toList();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("repeat_count").asInt()).isEqualTo(3);
    }

    @Test
    void anUnknownStatusStaysVisibleAndPollingGoesOn() {
        long id = nextId();
        alation.scriptById(id, status("queued_for_retry", null, null), status("successful", null, null));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(15)).until(() -> alation.pollsOfId(id) >= 1);
        JsonNode done = awaitStatus(jobId, "successful");
        JsonNode logs = api.get("/api/v1/jobs/" + jobId + "/logs").body().path("items");
        assertThat(logs.valueStream().map(e -> e.path("status").asString())).contains("queued_for_retry");
        assertThat(done.path("status").asString()).isEqualTo("successful");
    }

    @Test
    void registeringTheSameAlationJobTwiceAnswersTheTrackedJob() throws Exception {
        long id = nextId();
        alation.scriptById(id, status("running", null, null));
        String body = "{\"response\": {\"job_id\": " + id + "}}";

        var executor = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        List<Future<GatewayApi.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(executor.submit(() -> {
                start.await();
                return api.post("/api/v1/jobs", body);
            }));
        }
        start.countDown();
        List<GatewayApi.Answer> results = new ArrayList<>();
        for (var answer : answers) results.add(answer.get(30, TimeUnit.SECONDS));
        executor.shutdown();

        assertThat(results).extracting(GatewayApi.Answer::status).containsOnly(200, 201);
        assertThat(results).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(results)
                .extracting(a -> a.body().path("id").asString())
                .containsOnly(results.get(0).body().path("id").asString());
        GatewayApi.Answer created =
                results.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/jobs/" + created.body().path("id").asString());
        assertThat(api.get("/api/v1/jobs?alation_job_id=" + id)
                        .body()
                        .path("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void theListFiltersAndPagesNewestFirst() {
        String run = "run-" + nextId();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = nextId();
            alation.scriptById(id, status(i % 2 == 0 ? "successful" : "failed", null, null));
            ids.add(api.register("{\"response\": {\"job_id\": " + id + "}, \"labels\": {\"run\": \"" + run
                            + "\", \"n\": \"" + i + "\"}}")
                    .path("id")
                    .asString());
        }
        ids.forEach(id -> await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(id).path("finished_at").isNull() == false));

        List<String> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/jobs?label=run:" + run + "&page_size=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .body();
            page.path("items").forEach(item -> pages.add(item.path("id").asString()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asString();
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(pages).containsExactlyElementsOf(newestFirst);

        JsonNode failed = api.get("/api/v1/jobs?label=run:" + run + "&status=failed")
                .body()
                .path("items");
        assertThat(failed.valueStream().map(j -> j.path("id").asString()).toList())
                .containsExactly(ids.get(3), ids.get(1));
        JsonNode both = api.get("/api/v1/jobs?label=run:" + run + "&label=n:2&kind=GENERIC&instance=default")
                .body()
                .path("items");
        assertThat(both.valueStream().map(j -> j.path("id").asString()).toList())
                .containsExactly(ids.get(2));
        String registeredAt = api.job(ids.get(2)).path("registered_at").asString();
        JsonNode newer = api.get("/api/v1/jobs?label=run:" + run + "&registered_after=" + registeredAt)
                .body()
                .path("items");
        assertThat(newer.valueStream().map(j -> j.path("id").asString()).toList())
                .containsExactly(ids.get(4), ids.get(3), ids.get(2));
        JsonNode older = api.get("/api/v1/jobs?label=run:" + run + "&registered_before=" + registeredAt)
                .body()
                .path("items");
        assertThat(older.valueStream().map(j -> j.path("id").asString()).toList())
                .containsExactly(ids.get(1), ids.get(0));

        JsonNode stats = api.get("/api/v1/jobs/stats").body();
        assertThat(stats.path("by_status").path("failed").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("by_kind").path("GENERIC").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(stats.path("by_instance").path("default").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode ended = api.get("/api/v1/jobs/stats?label=run:" + run + "&ended_window=2h")
                .body()
                .path("ended_per_hour");
        assertThat(ended.size()).isEqualTo(2);
        assertThat(ended.valueStream().mapToLong(h -> h.path("failed").asLong()).sum())
                .isEqualTo(2);
        assertThat(ended.valueStream()
                        .mapToLong(h -> h.path("successful").asLong())
                        .sum())
                .isEqualTo(3);
    }

    @Test
    void aPollCanBeAskedForAndAnEndedJobSaysSo() {
        long id = nextId();
        alation.scriptById(id, status("successful", null, null));
        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}}")
                .path("id")
                .asString();
        awaitStatus(jobId, "successful");

        GatewayApi.Answer again = api.post("/api/v1/jobs/" + jobId + "/poll", null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.post("/api/v1/jobs/nope/poll", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource({
        "document-post.json, DOCUMENT_POST, JobDetailsDocumentPost",
        "document-put.json, TERM_PUT, JobDetailsDocumentPut",
        "document-delete.json, DOCUMENT_DELETE, JobDetailsDocumentDelete",
        "term-delete.json, TERM_DELETE, JobDetailsTermDelete",
        "business-policy-post.json, BUSINESS_POLICY_POST, JobDetails",
        "custom-field-post.json, CUSTOM_FIELD_POST, JobDetailsCustomFieldPost",
        "rdbms.json, RDBMS_TABLE_POST, JobDetailsRdbms",
        "virtual-datasource-post.json, VIRTUAL_DATASOURCE_POST, JobDetailsVirtualDatasourcePost",
        "data-quality.json, DATA_QUALITY_POST, JobDetailsDataQuality",
        "folder-post.json, DOCUMENT_HUB_FOLDER_POST, JobDetailsDocumentHubFolderPost",
        "folder-put.json, DOCUMENT_HUB_FOLDER_PUT, JobDetailsDocumentHubFolderPut",
        "folder-delete.json, DOCUMENT_HUB_FOLDER_DELETE, JobDetailsDocumentHubFolderDelete",
        "dataflow-post.json, DATAFLOW_POST, JobDetailsDataflowPost",
        "dataflow-delete.json, DATAFLOW_DELETE, JobDetailsDataflowDelete",
    })
    void everyKindOfJobEndsWithItsTypedDetailsAndItsRawResult(String fixture, String kind, String dataClass)
            throws Exception {
        long id = nextId();
        String document = new String(
                getClass().getResourceAsStream("/details/" + fixture).readAllBytes(), StandardCharsets.UTF_8);
        JsonNode sent = JSON.readTree(document);
        alation.scriptById(id, status("running", null, null), FakeAlation.json(document));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}, \"kind\": \"" + kind + "\"}")
                .path("id")
                .asString();

        JsonNode done = awaitStatus(jobId, sent.path("status").asString());
        assertThat(done.path("kind").asString()).isEqualTo(kind);
        assertThat(done.path("raw_result")).isEqualTo(sent.path("result"));
        assertThat(done.path("details").path("type").asString()).isEqualTo(dataClass);
        assertThat(done.path("details").path("typed").asBoolean()).isTrue();
        assertThat(done.path("details").path("msg").asString())
                .isEqualTo(sent.path("msg").asString());
    }

    /**
     * A result past gateway.poll.max-stored-result used to be stored whole and parsed again for every job of a
     * page. Now it is shortened to fit, still JSON, and the typed details are read from what is kept.
     */
    @Test
    void aResultLargerThanTheCapIsStoredShortenedAndItsTypedDetailsStillWork() {
        // GIVEN Alation ends a term update with 5,000 updated terms, about 300 KB
        long id = nextId();
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            if (i > 0) terms.append(',');
            terms.append("{\"id\": ")
                    .append(i)
                    .append(", \"title\": \"Term number ")
                    .append(i)
                    .append(" of the glossary\"}");
        }
        alation.scriptById(
                id,
                status(
                        "successful",
                        "Updated 5000 terms",
                        "{\"updated_term_count\": 5000, \"updated_terms\": [" + terms + "]}"));
        long small = nextId();
        alation.scriptById(
                small, status("successful", null, "{\"updated_term_count\": 1, \"updated_terms\": [{\"id\": 7}]}"));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}, \"kind\": \"DOCUMENT_PUT\"}")
                .path("id")
                .asString();
        String smallId = api.register("{\"response\": {\"job_id\": " + small + "}, \"kind\": \"DOCUMENT_PUT\"}")
                .path("id")
                .asString();

        // THEN the job ends, says its result was shortened, and keeps the count and the first terms, typed
        JsonNode done = awaitStatus(jobId, "successful");
        assertThat(done.path("raw_result_truncated").asBoolean()).isTrue();
        assertThat(done.path("raw_result").toString().length()).isLessThanOrEqualTo(64 * 1024);
        assertThat(done.path("raw_result").path("updated_terms").size()).isBetween(100, 4999);
        JsonNode details = done.path("details");
        assertThat(details.path("type").asString()).isEqualTo("JobDetailsDocumentPut");
        assertThat(details.path("typed").asBoolean()).isTrue();
        assertThat(details.path("result").path("updated_term_count").asInt()).isEqualTo(5000);
        assertThat(details.path("result")
                        .path("updated_terms")
                        .path(99)
                        .path("title")
                        .asString())
                .isEqualTo("Term number 99 of the glossary");
        // AND a result within the cap is stored whole and says so
        JsonNode whole = awaitStatus(smallId, "successful");
        assertThat(whole.has("raw_result_truncated")).isTrue();
        assertThat(whole.path("raw_result_truncated").asBoolean()).isFalse();
        assertThat(whole.path("raw_result")
                        .path("updated_terms")
                        .path(0)
                        .path("id")
                        .asLong())
                .isEqualTo(7);
    }

    @Test
    void theCallThatStartedAJobDecidesItsKind() {
        long id = nextId();
        alation.scriptById(
                id, status("successful", null, "{\"updated_term_count\": 1, \"updated_terms\": [{\"id\": 5}]}"));

        String jobId = api.register("{\"response\": {\"job_id\": " + id + "}, \"method\": \"PUT\","
                        + " \"endpoint\": \"https://alation.example.com/integration/v2/document/?force=true\"}")
                .path("id")
                .asString();

        JsonNode done = awaitStatus(jobId, "successful");
        assertThat(done.path("kind").asString()).isEqualTo("DOCUMENT_PUT");
        assertThat(done.path("details")
                        .path("result")
                        .path("updated_terms")
                        .path(0)
                        .path("id")
                        .asLong())
                .isEqualTo(5);
        assertThat(api.post(
                                "/api/v1/jobs",
                                "{\"response\": {\"job_id\": " + nextId() + "}, \"kind\": \"DOCUMENT_POST\","
                                        + " \"method\": \"PUT\", \"endpoint\": \"/integration/v2/document/\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aCustomFieldValueUploadsSecondJobIsTrackedAsItsFollowUpOnce() {
        long first = nextId();
        long second = nextId();
        alation.scriptById(
                first,
                status("running", null, null),
                status(
                        "successful",
                        "Job finished",
                        "[\"Updating custom field values in the background. The job (can be tracked using jobs API): "
                                + second + "\"]"));
        alation.scriptById(
                second,
                status("running", null, null),
                status("running", null, null),
                status("failed", "Job failed", "\"Invalid field id 9\""));

        JsonNode parent = api.register("{\"response\": {\"job_id\": " + first + "}, \"instance\": \"default\","
                + " \"method\": \"PUT\", \"endpoint\": \"/integration/v2/custom_field_value/async/\","
                + " \"labels\": {\"team\": \"catalog\"}}");
        String parentId = parent.path("id").asString();

        awaitStatus(parentId, "successful");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(parentId).path("follow_up_ids").size() == 1);
        String childId = api.job(parentId).path("follow_up_ids").path(0).asString();
        assertThat(api.job(parentId).path("chain_status").asString()).isIn("running", "failed");

        JsonNode child = awaitStatus(childId, "failed");
        assertThat(child.path("parent_id").asString()).isEqualTo(parentId);
        assertThat(child.path("alation_job_id").asLong()).isEqualTo(second);
        assertThat(child.path("labels").path("team").asString()).isEqualTo("catalog");
        JsonNode after = api.job(parentId);
        assertThat(after.path("status").asString()).isEqualTo("successful");
        assertThat(after.path("chain_status").asString()).isEqualTo("failed");
        assertThat(after.path("follow_up_ids").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/jobs/" + parentId + "/logs")
                        .body()
                        .path("items")
                        .valueStream()
                        .map(e -> e.path("message").asString()))
                .anyMatch(m -> m.contains("follow-up job " + second) && m.contains(childId));

        // Registering the follow-up again by hand finds the same job.
        assertThat(api.post("/api/v1/jobs", "{\"response\": {\"job_id\": " + second + "}}")
                        .body()
                        .path("id")
                        .asString())
                .isEqualTo(childId);
    }
}
