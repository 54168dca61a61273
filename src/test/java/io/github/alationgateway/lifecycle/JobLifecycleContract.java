package io.github.alationgateway.lifecycle;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * A job's whole life through the running gateway against a fake Alation, written once and run by each database
 * subclass unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class JobLifecycleContract {

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
}
