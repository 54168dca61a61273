package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;

/** The admins' webhooks page: who may see it, and that its buttons act as the API's calls do. */
class WebhooksPageTest extends DashboardGateway {

    @Test
    void onlyAdminsGetThePageAndItsButtons() throws Exception {
        for (String key : new String[] {READER_KEY, WRITER_KEY}) {
            MockHttpSession session = signIn(key);
            mvc.perform(get("/ui/admin/webhooks").session(session)).andExpect(status().isForbidden());
            mvc.perform(post("/ui/admin/webhooks/ops-bus/enable")
                            .session(session)
                            .param("_csrf", csrfToken(session)))
                    .andExpect(status().isForbidden());
        }
    }

    @Test
    void aFailedDeliveryIsListedAndRetryMakesItPendingAgain() throws Exception {
        GatewayApi admin = api(GatewayApi.TEST_ADMIN_KEY);
        long alationId = nextAlationId();
        alation.scriptById(alationId, FakeAlation.status("failed", "Job failed", null));
        String job = admin.register("{\"instance\": \"prod\", \"labels\": {\"hook\": \"broken\"}, \"response\":"
                        + " {\"job_id\": " + alationId + "}}")
                .path("id")
                .asString();
        JsonNode failed =
                await().atMost(Duration.ofSeconds(60)).until(() -> delivery(admin, job, "failed"), d -> d != null);

        MockHttpSession session = signIn(GatewayApi.TEST_ADMIN_KEY);
        String page = mvc.perform(get("/ui/admin/webhooks").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("data-endpoint=\"ops-bus\"")
                .contains("data-delivery-id=\"" + failed.path("id").asLong() + "\"")
                .contains("HTTP 500")
                .doesNotContain(HOOK_SECRET.substring(6, 20));

        mvc.perform(post("/ui/admin/webhooks/ops-bus/deliveries/"
                                + failed.path("id").asLong() + "/retry")
                        .session(session)
                        .param("status", "failed")
                        .param("_csrf", csrfToken(session)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/ui/admin/webhooks?endpoint=ops-bus&status=failed"));
        // Sent again at once (the schedule starts over), and answered 500 again.
        await().atMost(Duration.ofSeconds(30)).until(() -> brokenHookAttempts(job) >= 2);

        mvc.perform(post("/ui/admin/webhooks/nope/enable").session(session).param("_csrf", csrfToken(session)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("text/html"));
    }

    private static long brokenHookAttempts(String job) {
        return brokenHook.received().stream().filter(r -> job.equals(r.jobId())).count();
    }

    private static JsonNode delivery(GatewayApi admin, String job, String status) {
        for (JsonNode d : admin.get("/api/v1/webhooks/ops-bus/deliveries?status=" + status + "&page_size=500")
                .body()
                .path("items")) {
            if (d.path("job_id").asString().equals(job)) return d;
        }
        return null;
    }
}
