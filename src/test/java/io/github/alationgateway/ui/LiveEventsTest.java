package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.alationgateway.support.EventStreamClient;
import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's relay of the event stream: the session opens it, and only it; it shows what the session's key
 * may see, counts against that key's bound, and ends with the session. The API's stream still takes no cookie.
 */
class LiveEventsTest extends DashboardGateway {

    /** gateway.events.max-streams-per-key, as the gateway's defaults set it. */
    static final int STREAMS_PER_KEY = 10;

    @Autowired
    MeterRegistry meters;

    private final List<EventStreamClient> opened = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        opened.forEach(EventStreamClient::close);
    }

    @Test
    void withoutASessionTheRelayAnswers401NotARedirectToAForm() throws Exception {
        mvc.perform(get("/ui/events"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Location"));
        mvc.perform(get("/ui/events").header("Authorization", "Bearer " + GatewayApi.TEST_ADMIN_KEY))
                .andExpect(status().isUnauthorized());
        EventStreamClient bearer =
                keep(EventStreamClient.open("http://localhost:" + port, "/ui/events", GatewayApi.TEST_ADMIN_KEY, null));
        assertThat(bearer.status()).isEqualTo(401);
    }

    @Test
    void theSessionOpensTheRelayButNeitherTheApisStreamNorTheApi() throws Exception {
        DashboardSession session = DashboardSession.signIn(port, READER_KEY);
        Map<String, String> cookie = Map.of("Cookie", "JSESSIONID=" + session.cookie());

        assertThat(keep(session.events("")).status()).isEqualTo(200);
        assertThat(keep(EventStreamClient.open("http://localhost:" + port + "/api/v1/events", cookie))
                        .status())
                .isEqualTo(401);
        mvc.perform(get("/api/v1/events").session(signIn(READER_KEY))).andExpect(status().isUnauthorized());
    }

    @Test
    void aKeyScopedToOneInstanceSeesOnlyThatInstancesEvents() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        EventStreamClient scoped =
                keep(DashboardSession.signIn(port, TEST_ONLY_KEY).events("?types=job.registered&label=run:" + run));
        EventStreamClient everything = keep(DashboardSession.signIn(port, GatewayApi.TEST_ADMIN_KEY)
                .events("?types=job.registered&label=run:" + run));
        assertThat(scoped.status()).isEqualTo(200);
        assertThat(everything.status()).isEqualTo(200);

        GatewayApi writer = api(WRITER_KEY);
        String onProd = register(writer, "prod", run);
        String onTest = register(writer, "test", run);

        await().atMost(Duration.ofSeconds(15)).until(() -> everything.events().size() >= 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> !scoped.events().isEmpty());
        assertThat(everything.events())
                .extracting(e -> e.data().path("data").path("id").asString())
                .containsExactlyInAnyOrder(onProd, onTest);
        assertThat(scoped.events())
                .extracting(e -> e.data().path("data").path("id").asString())
                .containsExactly(onTest);
        // Asking for the other instance's job by id is answered as if it did not exist.
        assertThat(keep(DashboardSession.signIn(port, TEST_ONLY_KEY).events("?job_id=" + onProd))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void signingOutEndsTheSessionsStreamWithACommentSayingWhy() {
        DashboardSession session = DashboardSession.signIn(port, READER_KEY);
        EventStreamClient stream = keep(session.events(""));
        assertThat(stream.status()).isEqualTo(200);
        Map<String, String> cookie = Map.of("Cookie", "JSESSIONID=" + session.cookie());

        session.signOut();

        await().atMost(Duration.ofSeconds(10)).until(stream::ended);
        assertThat(stream.comments()).anyMatch(c -> c.startsWith("the sign-in behind this stream ended"));
        assertThat(keep(EventStreamClient.open("http://localhost:" + port + "/ui/events", cookie))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aSessionsStreamsCountAgainstItsKeysBoundWithTheApis() {
        // Streams of earlier tests are closed by their clients; the gateway notices at its next ping.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("gateway.streams.open").gauge().value() == 0);
        for (int i = 0; i < STREAMS_PER_KEY - 1; i++) {
            assertThat(keep(EventStreamClient.open("http://localhost:" + port, "/api/v1/events", READER_KEY, null))
                            .status())
                    .isEqualTo(200);
        }
        DashboardSession session = DashboardSession.signIn(port, READER_KEY);
        assertThat(keep(session.events("")).status()).isEqualTo(200);

        assertThat(keep(session.events("")).status()).isEqualTo(429);
        assertThat(keep(EventStreamClient.open("http://localhost:" + port, "/api/v1/events", READER_KEY, null))
                        .status())
                .isEqualTo(429);
    }

    private String register(GatewayApi writer, String instance, String run) {
        long alationId = nextAlationId();
        alation.scriptById(alationId, FakeAlation.status("running", "Job is running", null));
        return writer.register("{\"instance\": \"" + instance + "\", \"labels\": {\"run\": \"" + run
                        + "\"}, \"response\": {\"job_id\": " + alationId + "}}")
                .path("id")
                .asString();
    }

    private EventStreamClient keep(EventStreamClient stream) {
        opened.add(stream);
        return stream;
    }
}
