package io.github.alationgateway.waiting;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Waiting for jobs through the running gateway, polling a fake Alation whose answers the test switches from
 * 'running' to an end when it chooses; written once and run on each database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.security.rate-limit.requests-per-second=0",
            "gateway.security.api-keys[0].name=test-admin",
            "gateway.security.api-keys[0].key=" + GatewayApi.TEST_ADMIN_KEY,
            "gateway.security.api-keys[0].role=admin",
            "gateway.security.api-keys[1].name=other-reader",
            "gateway.security.api-keys[1].key=" + WaitContract.OTHER_READER_KEY,
            "gateway.security.api-keys[1].role=reader",
            "gateway.security.api-keys[1].instances=other",
        })
abstract class WaitContract {

    static final String OTHER_READER_KEY = "other-reader-key-0123456789";
    static final FakeAlation alation = FakeAlation.start();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    GatewayApi api;

    static void fakeAlation(DynamicPropertyRegistry registry) {
        for (String instance : new String[] {"default", "other"}) {
            registry.add("gateway.instances." + instance + ".base-url", alation::baseUrl);
            registry.add("gateway.instances." + instance + ".access-token", () -> FakeAlation.TOKEN);
        }
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
        registry.add("gateway.events.max-wait", () -> "40s");
    }

    @BeforeEach
    void client() {
        api = new GatewayApi(port);
    }

    /** A job Alation reports as running until {@link #end} says otherwise. */
    record RunningJob(String id, long alationId) {}

    RunningJob running(String instance) {
        long alationId = ids.incrementAndGet();
        alation.scriptById(alationId, status("running", "Job is running", null));
        String id = api.register("{\"response\": {\"job_id\": " + alationId + "}, \"instance\": \"" + instance + "\"}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(id).path("status").asString().equals("running"));
        return new RunningJob(id, alationId);
    }

    static void end(RunningJob job, String outcome) {
        alation.scriptById(job.alationId(), status(outcome, "Job finished", "[]"));
    }

    CompletableFuture<GatewayApi.Answer> async(java.util.function.Supplier<GatewayApi.Answer> call) {
        return CompletableFuture.supplyAsync(call);
    }

    @Test
    void aWaitAnswersWhenTheJobEndsWithTheEndedJob() throws Exception {
        // GIVEN a running job and a client waiting up to 30 s for it
        RunningJob job = running("default");
        var waiting = async(() -> api.get("/api/v1/jobs/" + job.id() + "?wait=30s"));
        await().atMost(Duration.ofSeconds(5)).until(() -> openWaits() >= 1);
        assertThat(waiting).isNotDone();

        // WHEN Alation reports it successful
        end(job, "successful");

        // THEN the wait answers with the ended job, soon after the end was recorded
        GatewayApi.Answer answer = waiting.get(20, TimeUnit.SECONDS);
        Instant answeredAt = Instant.now();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asString()).isEqualTo("successful");
        Instant finishedAt = Instant.parse(answer.body().path("finished_at").asString());
        // The promise is 1 s (measured in the benchmark); a loaded test machine gets two seconds more.
        assertThat(Duration.between(finishedAt, answeredAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(counted("ended")).isPositive();
    }

    @Test
    void aWaitThatRunsOutAnswersTheJobAsItStands() {
        RunningJob job = running("default");
        long before = System.nanoTime();

        GatewayApi.Answer answer = api.get("/api/v1/jobs/" + job.id() + "?wait=1s");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asString()).isEqualTo("running");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(counted("timeout")).isPositive();
    }

    @Test
    void anEndedJobAnswersAtOnce() {
        RunningJob job = running("default");
        end(job, "failed");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(job.id()).path("status").asString().equals("failed"));
        long before = System.nanoTime();

        GatewayApi.Answer answer = api.get("/api/v1/jobs/" + job.id() + "?wait=40s");

        assertThat(answer.body().path("status").asString()).isEqualTo("failed");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aWaitLongerThanTheLimitIsRefusedNamingIt() {
        RunningJob job = running("default");

        GatewayApi.Answer tooLong = api.get("/api/v1/jobs/" + job.id() + "?wait=41s");
        GatewayApi.Answer notADuration = api.get("/api/v1/jobs/" + job.id() + "?wait=soon");
        GatewayApi.Answer forWithoutWait = api.get("/api/v1/jobs/" + job.id() + "?for=chain");
        GatewayApi.Answer badFor = api.get("/api/v1/jobs/" + job.id() + "?wait=1s&for=ever");

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLong.body().path("detail").asString()).contains("40s", "gateway.events.max-wait");
        assertThat(tooLong.body().path("field").asString()).isEqualTo("wait");
        assertThat(notADuration.status()).isEqualTo(400);
        assertThat(forWithoutWait.status()).isEqualTo(400);
        assertThat(badFor.body().path("field").asString()).isEqualTo("for");
        assertThat(api.get("/api/v1/jobs/no-such-job?wait=1s").status()).isEqualTo(404);
    }

    @Test
    void aChainWaitAnswersOnceTheFollowUpHasEndedToo() throws Exception {
        // GIVEN a custom field upload whose first job names a second one, still running
        long first = ids.incrementAndGet();
        long second = ids.incrementAndGet();
        alation.scriptById(second, status("running", null, null));
        alation.scriptById(
                first,
                status("running", null, null),
                status(
                        "successful",
                        "Job finished",
                        "[\"Updating custom field values in the background. The job (can be tracked using jobs API): "
                                + second + "\"]"));
        String parent = api.register("{\"response\": {\"job_id\": " + first + "}, \"instance\": \"default\","
                        + " \"method\": \"PUT\","
                        + " \"endpoint\": \"/integration/v2/custom_field_value/async/\"}")
                .path("id")
                .asString();
        var chain = async(() -> api.get("/api/v1/jobs/" + parent + "?wait=30s&for=chain"));
        var job = async(() -> api.get("/api/v1/jobs/" + parent + "?wait=30s"));

        // WHEN the first job ends, the plain wait answers and the chain wait goes on
        assertThat(job.get(20, TimeUnit.SECONDS).body().path("status").asString())
                .isEqualTo("successful");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.job(parent).path("follow_up_ids").size() == 1);
        assertThat(chain).isNotDone();

        // THEN once the follow-up fails, the chain wait answers with the chain's outcome
        alation.scriptById(second, status("failed", "Job failed", "\"Invalid field id 9\""));
        JsonNode answer = chain.get(20, TimeUnit.SECONDS).body();
        assertThat(answer.path("status").asString()).isEqualTo("successful");
        assertThat(answer.path("chain_status").asString()).isEqualTo("failed");
    }

    @Test
    void aBatchWaitForAnyAnswersAtTheFirstEndAndForAllAtTheLast() throws Exception {
        RunningJob a = running("default");
        RunningJob b = running("default");
        String body = "{\"ids\": [\"" + a.id() + "\", \"" + b.id() + "\"], \"timeout\": \"30s\"";
        var any = async(() -> api.post("/api/v1/jobs/wait", body + ", \"mode\": \"any\"}"));
        var all = async(() -> api.post("/api/v1/jobs/wait", body + "}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> openWaits() >= 2);

        end(b, "successful");
        JsonNode first = any.get(20, TimeUnit.SECONDS).body();
        assertThat(first.path("done").asBoolean()).isTrue();
        assertThat(first.path("items").valueStream().map(j -> j.path("id").asString()))
                .containsExactly(a.id(), b.id());
        assertThat(first.path("items").path(1).path("status").asString()).isEqualTo("successful");
        assertThat(all).isNotDone();

        end(a, "partially_successful");
        JsonNode last = all.get(20, TimeUnit.SECONDS).body();
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("items").valueStream().map(j -> j.path("status").asString()))
                .containsExactly("partially_successful", "successful");
    }

    @Test
    void aBatchWaitThatRunsOutSaysItIsNotDone() {
        RunningJob a = running("default");

        JsonNode answer = api.post("/api/v1/jobs/wait", "{\"ids\": [\"" + a.id() + "\"], \"timeout\": \"1s\"}")
                .body();

        assertThat(answer.path("done").asBoolean()).isFalse();
        assertThat(answer.path("items").path(0).path("status").asString()).isEqualTo("running");
    }

    @Test
    void aKeySeesOnlyItsInstancesJobsInAWait() {
        RunningJob mine = running("other");
        RunningJob notMine = running("default");
        GatewayApi reader = api.withKey(OTHER_READER_KEY);

        GatewayApi.Answer refused = reader.post(
                "/api/v1/jobs/wait",
                "{\"ids\": [\"" + mine.id() + "\", \"" + notMine.id() + "\"], \"timeout\": \"0s\"}");
        GatewayApi.Answer allowed =
                reader.post("/api/v1/jobs/wait", "{\"ids\": [\"" + mine.id() + "\"], \"timeout\": \"0s\"}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("detail").asString())
                .contains(notMine.id())
                .doesNotContain(mine.id());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body().path("items").path(0).path("id").asString()).isEqualTo(mine.id());
        assertThat(reader.get("/api/v1/jobs/" + notMine.id() + "?wait=1s").status())
                .isEqualTo(404);
    }

    @Test
    void aBatchWaitChecksWhatItIsGiven() {
        RunningJob a = running("default");
        String many = "\"x\", ".repeat(500) + "\"x\"";

        assertThat(api.post("/api/v1/jobs/wait", "{}").body().path("field").asString())
                .isEqualTo("ids");
        assertThat(api.post("/api/v1/jobs/wait", "{\"ids\": [" + many + "]}")
                        .body()
                        .path("detail")
                        .asString())
                .contains("500");
        assertThat(api.post("/api/v1/jobs/wait", "{\"ids\": [\"" + a.id() + "\"], \"mode\": \"some\"}")
                        .body()
                        .path("field")
                        .asString())
                .isEqualTo("mode");
        assertThat(api.post("/api/v1/jobs/wait", "{\"ids\": [\"" + a.id() + "\"], \"timeout\": \"5m\"}")
                        .body()
                        .path("field")
                        .asString())
                .isEqualTo("timeout");
    }

    private double openWaits() {
        return meters.get("gateway.waits.open").gauge().value();
    }

    private double counted(String outcome) {
        var counter = meters.find("gateway.waits").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
