package io.github.alationgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import tools.jackson.databind.JsonNode;

/**
 * The demo as a newcomer runs it: the gateway and its simulated Alation in one process, on in-memory H2, with
 * the scripts shortened. The demo's simulated Alation is reached over HTTP like a real one, so the port is fixed
 * before the start: the demo's base-url is built from server.port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"test", "demo"})
class DemoProfileTest {

    static final int PORT = TestSocketUtils.findAvailableTcpPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("gateway.demo.running-polls", () -> 1);
        registry.add("gateway.demo.new-job-every", () -> "1h");
        registry.add("gateway.poll.interval", () -> "100ms");
        registry.add("gateway.poll.max-interval", () -> "200ms");
        registry.add("gateway.poll.idle-wait", () -> "20ms");
    }

    // The demo's documented key: once API keys are enforced, this test also proves that it works.
    final GatewayApi api = new GatewayApi("http://127.0.0.1:" + PORT, "demo-key");

    @Test
    void everyScriptedJobGoesRunningThenEndsWithItsResult() {
        Map<String, JsonNode> jobs = awaitEnded(List.of(
                "document-post",
                "table-post",
                "data-quality-post",
                "column-post-failing",
                "custom-field-values",
                "virtual-datasource-post"));

        assertThat(jobs.get("document-post").path("status").asString()).isEqualTo("successful");
        assertThat(jobs.get("document-post")
                        .path("raw_result")
                        .path("created_term_count")
                        .asInt())
                .isEqualTo(2);
        assertThat(jobs.get("table-post")
                        .path("raw_result")
                        .path(0)
                        .path("mapping")
                        .size())
                .isEqualTo(2);
        assertThat(jobs.get("data-quality-post").path("raw_result").has("flag_counts"))
                .isTrue();
        JsonNode named = jobs.get("virtual-datasource-post");
        assertThat(named.path("alation_job_name").asString()).startsWith("MetadataExtraction#");
        assertThat(named.path("alation_job_id").isNull()).isTrue();
        assertThat(named.path("status").asString()).isEqualTo("successful");
        // Alation sends this result as a JSON document inside a string; it is kept as sent.
        assertThat(named.path("raw_result").isString()).isTrue();
        JsonNode failed = jobs.get("column-post-failing");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("raw_result").path(0).path("errors").path(0).asString())
                .contains("does not exist");
        for (JsonNode job : jobs.values()) {
            assertThat(job.path("msg").asString()).startsWith("Job finished in ");
            assertThat(job.path("instance").asString()).isEqualTo("default");
            // One 'running' answer first, then the end.
            assertThat(job.path("poll_count").asInt()).isGreaterThanOrEqualTo(2);
        }
        JsonNode logs = api.get("/api/v1/jobs/" + failed.path("id").asString() + "/logs")
                .body()
                .path("items");
        assertThat(StreamSupport.stream(logs.spliterator(), false)
                        .map(line -> line.path("message").asString()))
                .anyMatch(message -> message.startsWith("Alation reports status 'running'"))
                .anyMatch(message -> message.startsWith("Alation reports status 'failed'"));
    }

    /** http://localhost:8080/ shows the dashboard at once, signed in with the demo's key. */
    @Test
    void theDashboardOpensSignedInWithTheDemoKey() throws Exception {
        var browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .build();
        var page = browser.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + PORT + "/"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/ui/");
        assertThat(page.body()).contains("<h1>Overview</h1>", "demo (admin)");
    }

    /** Typed details and the custom field value job's second job come from the details module. */
    @Test
    void detailsAreTypedAndTheSecondJobIsTracked() {
        assumeTrue(JobKind.values().length > 1, "typed details arrive with the details branch");
        Map<String, JsonNode> jobs = awaitEnded(List.of(
                "document-post",
                "table-post",
                "data-quality-post",
                "column-post-failing",
                "custom-field-values",
                "virtual-datasource-post"));

        assertThat(type(jobs.get("document-post"))).isEqualTo("JobDetailsDocumentPost");
        assertThat(type(jobs.get("table-post"))).isEqualTo("JobDetailsRdbms");
        assertThat(type(jobs.get("data-quality-post"))).isEqualTo("JobDetailsDataQuality");
        assertThat(type(jobs.get("column-post-failing"))).isEqualTo("JobDetailsRdbms");
        JsonNode named = jobs.get("virtual-datasource-post");
        assertThat(type(named)).isEqualTo("JobDetailsVirtualDatasourcePost");
        assertThat(named.path("details").path("result").path("number_received").isInt())
                .isTrue();

        JsonNode first = jobs.get("custom-field-values");
        assertThat(first.path("follow_up_ids").size()).isEqualTo(1);
        String secondId = first.path("follow_up_ids").path(0).asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        "successful".equals(api.job(secondId).path("status").asString()));
        assertThat(api.job(secondId).path("parent_id").asString())
                .isEqualTo(first.path("id").asString());
        assertThat(api.job(first.path("id").asString()).path("chain_status").asString())
                .isEqualTo("successful");
    }

    private static String type(JsonNode job) {
        return job.path("details").path("type").asString();
    }

    /** The first demo job of each scenario, once it has ended. */
    private Map<String, JsonNode> awaitEnded(List<String> scenarios) {
        Map<String, JsonNode> ended = new HashMap<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String scenario : scenarios) {
                        JsonNode page = api.get("/api/v1/jobs?label=scenario:" + scenario)
                                .body();
                        if (page == null) continue;
                        // A second job carries its first job's labels: the first is the one without a parent.
                        for (JsonNode job : page.path("items")) {
                            if (job.path("parent_id").isNull()
                                    && job.path("finished_at").isString()) {
                                ended.put(scenario, job);
                            }
                        }
                    }
                    return ended.keySet().containsAll(scenarios);
                });
        return ended;
    }
}
