package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How long the overview and a jobs page take to render on the server at 100,000 jobs: MockMvc through the whole
 * filter chain, the database queries and the template. Reports figures (target/dashboard-render-times.txt); it
 * asserts only that the pages answer, since timing on a shared machine is a measurement, not a verdict. Runs
 * only with -Ddashboard.bench=true (see bench/RESULTS.md).
 */
abstract class DashboardRenderTimes {

    static final int JOBS = 100_000;
    static final int RUNS = 40;
    static final String KEY = "bench-reader-key-0123456789";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    abstract String database();

    @Test
    void overviewAndJobsPagesAtAHundredThousandJobs() throws Exception {
        seed();
        MockHttpSession session = signIn();
        String someJob = jdbc.queryForObject("select id from jobs where status = 'FAILED' limit 1", String.class);
        List<String> lines = new ArrayList<>();
        lines.add(database() + ", " + JOBS + " jobs, " + RUNS + " renders each after 10 warm-up ones, load "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        for (String page : List.of(
                "/ui/",
                "/ui/jobs",
                "/ui/jobs?status=failed&label=pipeline:nightly",
                "/ui/jobs?instance=prod&kind=DOCUMENT_POST",
                "/ui/jobs/rows",
                "/ui/jobs/" + someJob)) {
            lines.add(measure(page, session));
        }
        lines.forEach(System.out::println);
        Files.createDirectories(Path.of("target"));
        Files.write(
                Path.of("target", "dashboard-render-times.txt"),
                (String.join("\n", lines) + "\n\n").getBytes(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private String measure(String page, MockHttpSession session) throws Exception {
        for (int i = 0; i < 10; i++) render(page, session);
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            render(page, session);
            millis[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(millis);
        return String.format(
                "  %-50s min %6.1f ms  median %6.1f ms  p90 %6.1f ms  max %6.1f ms",
                page,
                millis[0] / 1000.0,
                millis[RUNS / 2] / 1000.0,
                millis[RUNS * 9 / 10] / 1000.0,
                millis[RUNS - 1] / 1000.0);
    }

    private void render(String page, MockHttpSession session) throws Exception {
        int status = mvc.perform(get(page).session(session))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).as(page).isEqualTo(200);
    }

    private MockHttpSession signIn() throws Exception {
        MockHttpSession anonymous = new MockHttpSession();
        String form = mvc.perform(get("/ui/sign-in").session(anonymous))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        var result = mvc.perform(post("/ui/sign-in")
                        .session(anonymous)
                        .param("_csrf", csrf.group(1))
                        .param("api_key", KEY))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /**
     * A month of history: most jobs ended (a thirtieth of them in the last 24 hours), 2 % still running, half
     * labelled, on two instances.
     */
    private void seed() {
        Random random = new Random(42);
        Instant now = Instant.now();
        String[] kinds = {"DOCUMENT_POST", "RDBMS_TABLE_POST", "DATA_QUALITY_POST", "GENERIC"};
        List<Object[]> jobs = new ArrayList<>();
        List<Object[]> labels = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String id = UUID.randomUUID().toString();
            Instant registered = now.minus(Duration.ofSeconds(random.nextInt(30 * 24 * 3600)));
            int roll = random.nextInt(100);
            String status = roll < 2
                    ? "RUNNING"
                    : roll < 82 ? "SUCCESSFUL" : roll < 92 ? "FAILED" : roll < 97 ? "EXPIRED" : "PARTIALLY_SUCCESSFUL";
            boolean running = status.equals("RUNNING");
            Instant finished = running ? null : registered.plusSeconds(30 + random.nextInt(600));
            jobs.add(new Object[] {
                id,
                i % 3 == 0 ? "test" : "prod",
                "id:" + (i + 1),
                (long) (i + 1),
                kinds[i % kinds.length],
                status,
                status.toLowerCase(),
                status.equals("FAILED") ? "Job failed: column 9.sales.orders.amount has no table" : "Job finished",
                status.equals("SUCCESSFUL")
                        ? "{\"created_term_count\": 1, \"created_terms\": [{\"id\": 1, \"title\": \"T\"}]}"
                        : null,
                "bench",
                running ? 3 : 5,
                Timestamp.from(registered),
                Timestamp.from(running ? now : finished),
                running ? Timestamp.from(now.plusSeconds(30)) : null,
                finished == null ? null : Timestamp.from(finished)
            });
            if (i % 2 == 0)
                labels.add(
                        new Object[] {id, "pipeline", i % 4 == 0 ? "nightly" : "hourly", Timestamp.from(registered)});
        }
        for (int from = 0; from < jobs.size(); from += 5_000) {
            jdbc.batchUpdate(
                    "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, alation_status, msg,"
                            + " raw_result, registered_by, poll_count, registered_at, last_polled_at, next_poll_at,"
                            + " finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    jobs.subList(from, Math.min(jobs.size(), from + 5_000)));
        }
        for (int from = 0; from < labels.size(); from += 5_000) {
            jdbc.batchUpdate(
                    "insert into job_labels (job_id, label_key, label_value, registered_at) values (?, ?, ?, ?)",
                    labels.subList(from, Math.min(labels.size(), from + 5_000)));
        }
        if (database().startsWith("PostgreSQL")) jdbc.execute("analyze");
    }
}
