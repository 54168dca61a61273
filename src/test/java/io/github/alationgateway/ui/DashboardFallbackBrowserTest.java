package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.EventStreamClient;
import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The jobs page where the event stream is refused: its key holds every stream it may, so the relay answers 429,
 * and the page goes back to refreshing itself, which still shows a job that ended.
 */
class DashboardFallbackBrowserTest extends DashboardGateway {

    @Autowired
    MeterRegistry meters;

    @Test
    void whereTheStreamIsRefusedTheJobsPageRefreshesItself() throws IOException {
        // Streams of earlier tests are closed by their clients; the gateway notices at its next ping.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("gateway.streams.open").gauge().value() == 0);
        List<EventStreamClient> taken = new ArrayList<>();
        GatewayApi writer = api(WRITER_KEY);
        long alationId = nextAlationId();
        JsonNode job = registerRunning(writer, alationId);
        String row = "#rows tr[data-job-id='" + job.path("id").asString() + "']";
        try (Browser browser = Browser.start("http://localhost:" + port)) {
            for (int i = 0; i < LiveEventsTest.STREAMS_PER_KEY; i++) {
                taken.add(EventStreamClient.open("http://localhost:" + port, "/api/v1/events", READER_KEY, null));
            }
            assertThat(taken).allMatch(s -> s.status() == 200);
            browser.signIn(READER_KEY);
            browser.open("/ui/jobs");
            browser.waiting().until(d -> browser.texts("[data-live-state]").equals(List.of("Refreshes every 1 s.")));
            assertThat(browser.attributes("#rows", "data-live")).containsOnlyNulls();
            browser.script("window.notReloaded = true;");

            alation.scriptById(alationId, FakeAlation.status("successful", "Job finished", null));
            assertThat(writer.post("/api/v1/jobs/" + job.path("id").asString() + "/poll", null)
                            .status())
                    .isEqualTo(202);
            browser.waiting().until(d -> List.of("successful").equals(browser.attributes(row, "data-status")));
            assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
            browser.screenshots("jobs-fallback");
            // The one console error allowed: the browser noting the stream's refusal.
            assertThat(browser.console())
                    .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .allSatisfy(e ->
                            assertThat(e.getMessage()).contains("/ui/events").contains("429"));
            browser.signOut();
        } finally {
            taken.forEach(EventStreamClient::close);
        }
    }
}
