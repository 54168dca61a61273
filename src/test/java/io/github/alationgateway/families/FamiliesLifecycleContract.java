package io.github.alationgateway.families;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
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
}
