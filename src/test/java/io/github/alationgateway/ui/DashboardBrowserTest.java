package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in real Chromium, as a person uses it: sign in, read, filter, open jobs, poll one, sign out. One
 * browser for the class; each test signs in as the key it is about. After every page: nothing came from another
 * origin and the console has no errors. Screenshots of every page land in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends DashboardGateway {

    Browser browser;
    GatewayApi writer;
    JsonNode documentJob;
    JsonNode tableJob;
    JsonNode failedJob;

    @BeforeAll
    void startBrowserAndRegisterJobs() throws IOException {
        writer = api(WRITER_KEY);
        TypedJobs jobs = TypedJobs.register(writer, alation, DashboardGateway::nextAlationId);
        documentJob = jobs.documentPost();
        tableJob = jobs.table();
        failedJob = jobs.failedColumns();
        browser = Browser.start("http://localhost:" + port);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) browser.close();
    }

    @Test
    @Order(1)
    void signInGivesAnHttpOnlyStrictSessionAndAFailureSaysOnlyThatItFailed() throws IOException {
        browser.open("/");
        assertThat(browser.path()).startsWith("/ui/sign-in");
        assertThat(browser.find("label[for=api-key]").getText()).isEqualTo("API key");
        assertThat(browser.find("#api-key").getAttribute("type")).isEqualTo("password");
        browser.screenshots("sign-in");
        browser.assertSameOriginOnly();
        browser.assertNoConsoleErrors();

        browser.signIn("not-a-key-of-this-gateway");
        assertThat(browser.find("[role=alert]").getText()).isEqualTo("Sign-in failed.");

        browser.signIn(WRITER_KEY);
        assertThat(browser.path()).isEqualTo("/ui/");
        Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isSecure())
                .as("plain HTTP here; Secure comes with HTTPS")
                .isFalse();
    }

    @Test
    @Order(2)
    void overviewShowsTheCountsOfTheStatsApiTheInstancesAndTheChart() throws IOException {
        browser.open("/ui/");
        JsonNode stats = writer.get("/api/v1/jobs/stats").body().path("by_status");
        List<String> statuses = browser.attributes(".counts a", "data-status");
        List<String> numbers = browser.texts(".counts a .number");
        Map<String, String> shown = new java.util.HashMap<>();
        for (int i = 0; i < statuses.size(); i++) shown.put(statuses.get(i), numbers.get(i));
        assertThat(shown).hasSize(6);
        stats.properties()
                .forEach(e -> assertThat(shown.get(e.getKey()))
                        .as(e.getKey())
                        .isEqualTo(Long.toString(e.getValue().asLong())));
        assertThat(browser.attributes("table.instances tbody tr", "data-instance"))
                .containsExactly("prod", "test");
        assertThat(browser.all(".chart rect.bar")).isNotEmpty();
        assertThat(String.join(" ", browser.texts(".problems"))).contains("Job failed");
        // Times read in the browser's zone, with UTC on hover.
        assertThat(browser.attributes(".problems time", "title"))
                .allSatisfy(t -> assertThat(t).endsWith(" UTC"));
        browser.screenshots("overview");
        browser.assertSameOriginOnly();
        browser.assertNoConsoleErrors();

        // Dark when the system is dark: the page's background follows prefers-color-scheme.
        String light = browser.backgroundColor();
        browser.prefersDark(true);
        assertThat(browser.backgroundColor()).isNotEqualTo(light).isEqualTo("rgb(17, 20, 24)");
        browser.screenshots("overview-dark");
        browser.prefersDark(false);
    }

    @Test
    @Order(3)
    void jobsAreFilteredWithTheApisParametersInTheAddress() throws IOException {
        browser.open("/ui/jobs");
        new org.openqa.selenium.support.ui.Select(browser.find("#f-status")).selectByValue("failed");
        browser.find("#f-label-0").sendKeys("pipeline:nightly");
        browser.find(".filters button[type=submit]").click();
        browser.waiting().until(ExpectedConditions.urlContains("status=failed"));
        assertThat(browser.path()).contains("label=pipeline");

        List<String> statuses = browser.attributes("#rows tr[data-job-id]", "data-status");
        JsonNode api = writer.get("/api/v1/jobs?status=failed&label=pipeline:nightly")
                .body()
                .path("items");
        assertThat(statuses).hasSize(api.size()).containsOnly("failed");
        assertThat(browser.attributes("#rows tr[data-job-id]", "data-job-id")).contains(id(failedJob));
        browser.screenshots("jobs-filtered");
        browser.assertSameOriginOnly();
        browser.assertNoConsoleErrors();

        browser.open("/ui/jobs");
        browser.screenshots("jobs");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void aJobPageShowsTypedDetailsForAPersonForTwoKinds() throws IOException {
        browser.open("/ui/jobs");
        browser.find("#rows tr[data-job-id='" + id(documentJob) + "'] a.job-link")
                .click();
        browser.waiting().until(ExpectedConditions.urlContains("/ui/jobs/" + id(documentJob)));
        assertThat(browser.find(".details h2").getText()).contains("JobDetailsDocumentPost");
        assertThat(browser.definition(".counts-list", "Created term count")).isEqualTo("2");
        assertThat(browser.find(".detail-table").getText()).contains("4201", "Quarterly revenue", "Churn rate");
        assertThat(browser.find(".raw pre").isDisplayed())
                .as("the raw result is folded away")
                .isFalse();
        assertThat(browser.find("#curl").getText()).contains("/api/v1/jobs/" + id(documentJob));
        assertThat(browser.find(".facts").getText()).contains("nightly-pipeline", "prod");
        assertThat(browser.all(".timeline li")).isNotEmpty();
        browser.screenshots("job-document-post");
        browser.assertSameOriginOnly();
        browser.assertNoConsoleErrors();

        browser.open("/ui/jobs/" + id(tableJob));
        assertThat(browser.find(".details h2").getText()).contains("JobDetailsRdbms");
        assertThat(browser.find(".notes").getText()).contains("Upserted 2 table objects.");
        assertThat(browser.find(".detail-table").getText()).contains("1040", "9.sales.returns");
        browser.screenshots("job-rdbms");
        browser.assertNoConsoleErrors();

        browser.open("/ui/jobs/" + id(failedJob));
        assertThat(browser.find(".errors").getText()).contains("belongs to a table that does not exist");
        browser.screenshots("job-failed");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void aWriterPollsARunningJobNow() throws IOException {
        long id = nextAlationId();
        JsonNode running = registerRunning(writer, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> alation.pollsOfId(id) >= 1);
        awaitStatus(running, "running");
        int before = alation.pollsOfId(id);

        browser.open("/ui/jobs/" + id(running));
        browser.click("#poll-now");
        assertThat(browser.awaitText(".notice")).startsWith("Poll requested");
        // The next poll was a minute away; this one was asked for.
        await().atMost(Duration.ofSeconds(20)).until(() -> alation.pollsOfId(id) > before);
        browser.screenshots("job-running");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    void rowsChangeStatusAndNewJobsAppearWithoutAReloadThroughTheEventStream() throws IOException {
        long alationId = nextAlationId();
        JsonNode job = registerRunning(writer, alationId);
        awaitStatus(job, "running");

        browser.open("/ui/jobs");
        String row = "#rows tr[data-job-id='" + id(job) + "']";
        assertThat(browser.attributes(row, "data-status")).containsExactly("running");
        // The page follows the stream: its rows are left out of the self-refresh from now on.
        browser.waiting().until(d -> List.of("true").equals(browser.attributes("#rows", "data-live")));
        assertThat(browser.find("[data-live-state]").getText()).startsWith("Live");
        browser.script("window.notReloaded = true;");

        alation.scriptById(alationId, FakeAlation.status("successful", "Job finished", null));
        assertThat(writer.post("/api/v1/jobs/" + id(job) + "/poll", null).status())
                .isEqualTo(202);
        browser.waiting().until(d -> List.of("successful").equals(browser.attributes(row, "data-status")));
        assertThat(browser.texts(row + " .badge")).containsExactly("successful");
        assertThat(browser.attributes(row, "class")).containsExactly("changed");
        assertThat(browser.attributes(row + " time", "title"))
                .allSatisfy(t -> assertThat(t).endsWith(" UTC"));
        assertThat(browser.find("#changes").getAttribute("textContent")).contains("is now successful");

        long newer = nextAlationId();
        JsonNode registered = registerRunning(writer, newer);
        browser.waiting()
                .until(d -> id(registered)
                        .equals(browser.attributes("#rows tr[data-job-id]", "data-job-id")
                                .get(0)));
        assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.attributes("#rows", "data-live")).containsExactly("true");
        browser.screenshots("jobs-live");
        browser.assertSameOriginOnly();
        browser.assertNoConsoleErrors();

        // A running job's own page follows its events too, and shows the end when it comes.
        awaitStatus(registered, "running");
        browser.open("/ui/jobs/" + id(registered));
        browser.waiting().until(d -> List.of("true").equals(browser.attributes("#live", "data-live")));
        alation.scriptById(newer, FakeAlation.status("failed", "Job failed", null));
        assertThat(writer.post("/api/v1/jobs/" + id(registered) + "/poll", null).status())
                .isEqualTo(202);
        browser.waiting().until(d -> List.of("failed").equals(browser.texts("#live .status-line .badge")));
        browser.screenshots("job-live-ended");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(7)
    void signingOutEndsTheSession() {
        browser.open("/ui/");
        browser.signOut();
        assertThat(browser.path()).startsWith("/ui/sign-in");
        assertThat(browser.find("[role=status]").getText()).isEqualTo("Signed out.");
        browser.open("/ui/jobs");
        assertThat(browser.path()).startsWith("/ui/sign-in");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(8)
    void aReaderSeesNoPollNow() {
        long id = nextAlationId();
        JsonNode running = registerRunning(writer, id);
        browser.signIn(READER_KEY);
        browser.open("/ui/jobs/" + id(running));
        assertThat(browser.find("h1").getText()).contains("#" + id);
        assertThat(browser.all("#poll-now")).isEmpty();
        assertThat(browser.find(".who").getText()).contains("ops-reader (reader)");
        browser.assertNoConsoleErrors();
        browser.signOut();
    }

    @Test
    @Order(9)
    void aKeyScopedToOneInstanceSeesNothingOfAnother() throws IOException {
        browser.signIn(TEST_ONLY_KEY);
        browser.open("/ui/jobs");
        assertThat(browser.attributes("#rows tr[data-job-id]", "data-job-id"))
                .contains(id(failedJob))
                .doesNotContain(id(documentJob), id(tableJob));
        browser.open("/ui/");
        assertThat(browser.attributes("table.instances tbody tr", "data-instance"))
                .containsExactly("test");
        browser.assertNoConsoleErrors();

        browser.open("/ui/jobs/" + id(documentJob));
        assertThat(browser.find(".error-page h1").getText()).isEqualTo("Not Found");
        assertThat(browser.driver.getPageSource()).doesNotContain("Quarterly revenue");
        browser.screenshots("not-found");
        // The only console line allowed here is the browser noting the 404 of the page itself.
        assertThat(browser.console())
                .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .allSatisfy(e -> assertThat(e.getMessage()).contains("404"));
        browser.signOut();
    }

    @Test
    @Order(10)
    void anAdminSeesAFailedWebhookDeliveryAndSendsItAgain() throws IOException {
        // The failed job's end went to the broken receiver, which answered 500: with one attempt, it failed.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api(GatewayApi.TEST_ADMIN_KEY)
                                .get("/api/v1/webhooks/ops-bus/deliveries?status=failed")
                                .body()
                                .path("items")
                                .size()
                        > 0);
        browser.signIn(GatewayApi.TEST_ADMIN_KEY);
        browser.open("/ui/");
        browser.click("a[href='/ui/admin/webhooks']");
        assertThat(browser.find("h1").getText()).isEqualTo("Webhooks");
        assertThat(browser.attributes("table.endpoints tbody tr", "data-endpoint"))
                .containsExactly("ops-bus");
        assertThat(browser.find("table.deliveries tbody").getText())
                .contains("job.ended")
                .contains(id(failedJob))
                .contains("HTTP 500");
        browser.assertSameOriginOnly();
        browser.assertNoConsoleErrors();
        browser.screenshots("webhooks");

        int before = brokenHook.received().size();
        browser.click("table.deliveries tbody tr[data-delivery-id] button");
        assertThat(browser.find("[role=status]").getText()).contains("is sent again now");
        await().atMost(Duration.ofSeconds(30)).until(() -> brokenHook.received().size() > before);
        browser.signOut();
    }

    @Test
    @Order(11)
    void aWriterHasNoWebhooksPage() {
        browser.signIn(WRITER_KEY);
        browser.open("/ui/");
        assertThat(browser.all("a[href='/ui/admin/webhooks']")).isEmpty();
        browser.signOut();
    }

    private void awaitStatus(JsonNode job, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> writer.get("/api/v1/jobs/" + id(job))
                                .body()
                                .path("status")
                                .asString(),
                        status::equals);
    }

    private static String id(JsonNode job) {
        return job.path("id").asString();
    }
}
