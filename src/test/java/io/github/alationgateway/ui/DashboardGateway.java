package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import io.github.alationgateway.support.WebhookReceiver;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * One running gateway shared by the dashboard's tests (the browser's and MockMvc's): two Alation instances, a key
 * per role, and a reader limited to {@code test}. A job is polled once at registration and then only a minute
 * later, so that a poll the tests see within seconds was asked for.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.poll.interval=60s",
            "gateway.poll.max-interval=60s",
            "gateway.poll.idle-wait=20ms",
            "gateway.dashboard.refresh-every=1s",
            // Pages left in the browser close their streams; a ping soon finds them gone on this side too.
            "gateway.events.ping-interval=1s",
            "gateway.security.api-keys[0].name=test-admin",
            "gateway.security.api-keys[0].key=" + GatewayApi.TEST_ADMIN_KEY,
            "gateway.security.api-keys[0].role=admin",
            "gateway.security.api-keys[1].name=ops-reader",
            "gateway.security.api-keys[1].key=" + DashboardGateway.READER_KEY,
            "gateway.security.api-keys[1].role=reader",
            "gateway.security.api-keys[2].name=nightly-pipeline",
            "gateway.security.api-keys[2].key=" + DashboardGateway.WRITER_KEY,
            "gateway.security.api-keys[2].role=writer",
            "gateway.security.api-keys[3].name=test-team",
            "gateway.security.api-keys[3].key=" + DashboardGateway.TEST_ONLY_KEY,
            "gateway.security.api-keys[3].role=reader",
            "gateway.security.api-keys[3].instances=test",
        })
@AutoConfigureMockMvc
abstract class DashboardGateway {

    static final String READER_KEY = "reader-key-0123456789abcdef";
    static final String WRITER_KEY = "writer-key-0123456789abcdef";
    static final String TEST_ONLY_KEY = "test-only-key-0123456789abcdef";

    static final FakeAlation alation = FakeAlation.start();
    /** A webhook receiver that is broken: it answers 500 to everything, so its deliveries fail. */
    static final String HOOK_SECRET = WebhookReceiver.newSecret();

    static final WebhookReceiver brokenHook = WebhookReceiver.start(HOOK_SECRET);
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.prod.base-url", alation::baseUrl);
        registry.add("gateway.instances.prod.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.instances.test.base-url", alation::baseUrl);
        registry.add("gateway.instances.test.access-token", () -> FakeAlation.TOKEN);
        // Only jobs labelled hook:broken go to it; one attempt, then failed.
        brokenHook.answer(r -> WebhookReceiver.Answer.of(500));
        registry.add("gateway.webhooks.endpoints.ops-bus.url", () -> brokenHook.url("/alation-jobs"));
        registry.add("gateway.webhooks.endpoints.ops-bus.secret", () -> HOOK_SECRET);
        registry.add("gateway.webhooks.endpoints.ops-bus.labels.hook", () -> "broken");
        registry.add("gateway.webhooks.retry-schedule", () -> "0s");
        registry.add("gateway.webhooks.idle-wait", () -> "50ms");
    }

    GatewayApi api(String key) {
        return new GatewayApi("http://localhost:" + port, key);
    }

    /** A job on {@code prod} that Alation reports running until the test scripts it otherwise. */
    static JsonNode registerRunning(GatewayApi writer, long alationId) {
        alation.scriptById(alationId, FakeAlation.status("running", "Job is running", null));
        return writer.register("{\"instance\": \"prod\", \"response\": {\"job_id\": " + alationId + "}}");
    }

    static long nextAlationId() {
        return ids.incrementAndGet();
    }

    /** A CSRF token of the session, as a page's forms carry it. */
    String csrfToken(MockHttpSession session) throws Exception {
        var signInPage =
                mvc.perform(get("/ui/sign-in").session(session)).andReturn().getResponse();
        // Signed in already: the sign-out button's form carries it on every page.
        String page = signInPage.getStatus() == 200
                ? signInPage.getContentAsString()
                : mvc.perform(get("/ui/").session(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        var match = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(match.find()).as("a CSRF field on the sign-in form").isTrue();
        return match.group(1);
    }

    /** Signs in through the form, as a person does, and answers the signed-in session. */
    MockHttpSession signIn(String key) throws Exception {
        MockHttpSession anonymous = new MockHttpSession();
        MvcResult result = mvc.perform(post("/ui/sign-in")
                        .session(anonymous)
                        .param("_csrf", csrfToken(anonymous))
                        .param("api_key", key))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/ui/"))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
