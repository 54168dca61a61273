package io.github.alationgateway.ui;

import static io.github.alationgateway.support.FakeAlation.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** The job page of a job whose result was larger than gateway.poll.max-stored-result (1 MB here, the default). */
class ShortenedResultPageTest extends DashboardGateway {

    @Test
    void theJobPageShowsTheTypedDetailsOfWhatWasKeptAndSaysTheResultWasShortened() throws Exception {
        // GIVEN a term update that Alation ends with 20,000 updated terms, about 1.5 MB
        long alationId = nextAlationId();
        StringBuilder terms = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            if (i > 0) terms.append(',');
            terms.append("{\"id\": ")
                    .append(1000 + i)
                    .append(", \"title\": \"Glossary term number ")
                    .append(i)
                    .append(" with a longer title\"}");
        }
        alation.scriptById(
                alationId,
                status(
                        "successful",
                        "Updated 20000 terms",
                        "{\"updated_term_count\": 20000, \"updated_terms\": [" + terms + "]}"));
        GatewayApi admin = api(GatewayApi.TEST_ADMIN_KEY);
        String id = admin.register("{\"instance\": \"prod\", \"response\": {\"job_id\": " + alationId
                        + "}, \"kind\": \"DOCUMENT_PUT\"}")
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "successful".equals(admin.job(id).path("status").asString()));
        assertThat(admin.job(id).path("raw_result_truncated").asBoolean()).isTrue();

        // WHEN a person opens its page
        MockHttpSession session = signIn(READER_KEY);
        MvcResult page = mvc.perform(get("/ui/jobs/" + id).session(session)).andReturn();

        // THEN it renders the typed details with their first terms, and says the result was shortened
        String html = page.getResponse().getContentAsString();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(html)
                .contains("id=\"result-shortened\"")
                .contains("JobDetailsDocumentPut")
                .contains("Glossary term number 0 with a longer title")
                .contains("Raw result, shortened to fit the gateway")
                .doesNotContain("does not have the shape of");
        assertThat(html.length()).isLessThan(3 * 1024 * 1024);
    }
}
