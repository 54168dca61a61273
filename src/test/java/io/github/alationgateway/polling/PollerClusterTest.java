package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.Outcomes;
import io.github.alationgateway.support.CountingAlation;
import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Three pollers on one PostgreSQL schema over 3,000 jobs, against a fake Alation that notices two polls of one
 * job at once. One poller is frozen mid-run (as SIGSTOP or a long GC pause would); its jobs must be taken over
 * once its 2 s leases run out, and when it wakes, nothing it writes may land. Like db-scheduler's cluster test:
 * no job polled twice at once, every job ended exactly once.
 */
@EnabledIfPostgres
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"gateway.poll.enabled=false", "gateway.poll.request-timeout=500ms"})
class PollerClusterTest {

    private static final int JOBS = 3_000;
    /** Each job answers 'running' once, then 'successful': two polls a job. */
    private static final CountingAlation alation =
            CountingAlation.start(3_000, 1, 64).clientTimeout(Duration.ofMillis(500));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresProperties.register(registry);
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> "token");
        // The pollers share this replica's client: its per-instance limits are lifted, as in a load test.
        registry.add("gateway.instances.default.max-concurrent-requests", () -> "64");
        registry.add("gateway.instances.default.max-requests-per-second", () -> "0");
        // The second poll at the interval, as the test's timing assumes: the learned cadence would wait for what
        // jobs of an unknown kind usually take.
        registry.add("gateway.poll.cadence", () -> "fixed");
    }

    @AfterAll
    static void stopAlation() {
        alation.close();
    }

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    JobStore store;

    @Autowired
    AlationClient client;

    @Autowired
    DecideOutcome decide;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void threePollersNeverPollAJobTwiceAtOnceAndTakeOverTheJobsOfOneThatFroze() {
        // GIVEN 3,000 jobs due now and three pollers with 2 s leases
        Instant now = clock.instant();
        TestJobs.insert(jdbc, JOBS, now, Duration.ZERO);
        var settings = new PollProperties(
                true,
                Duration.ofMillis(100),
                Duration.ofMillis(200),
                Duration.ofHours(1),
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                16,
                50,
                Duration.ofMillis(20),
                DataSize.ofMegabytes(1));
        Pause frozen = new Pause();
        List<PollLoop> pollers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean pausable = i == 2;
            pollers.add(new PollLoop(
                    settings,
                    claims,
                    outcomes,
                    pausable ? frozen.alation(client) : client,
                    decide,
                    new FollowUps(store),
                    clock,
                    "poller-" + i,
                    new SimpleMeterRegistry()));
        }
        pollers.forEach(PollLoop::start);
        try {
            // WHEN the third poller freezes mid-run, holding the leases of (nearly) all its 16 calls
            await().atMost(Duration.ofSeconds(30)).until(() -> finished() >= JOBS / 5);
            frozen.pause();
            // A poller claims again only once an eighth of its slots (here 2) are free, so a frozen one ends up
            // holding 15 or 16 calls, depending on whether the last call before the freeze freed a slot or two.
            await().atMost(Duration.ofSeconds(10)).until(() -> frozen.waiting() >= 15);
            List<String> stranded = jdbc.queryForList(
                    "select id from jobs where lease_owner = 'poller-2' and finished_at is null", String.class);

            // THEN the others finish every job, the frozen poller's too, once its leases run out
            await().atMost(Duration.ofSeconds(40)).until(() -> finished() == JOBS);
            assertThat(stranded).isNotEmpty();
            assertThat(jdbc.queryForObject(
                            "select count(*) from jobs where id in (" + quoted(stranded)
                                    + ") and status = 'SUCCESSFUL' and lease_owner is null",
                            Integer.class))
                    .isEqualTo(stranded.size());
            Map<String, Object> before = versions();

            // AND when it wakes, its stale outcomes are rejected
            frozen.resume();
            pollers.get(2).stop();
            assertThat(versions()).isEqualTo(before);
        } finally {
            frozen.resume();
            pollers.forEach(PollLoop::stop);
        }
        assertThat(alation.overlaps())
                .as(
                        "polls of one job at once (%s more beside calls given up after the timeout); failed polls: %s",
                        alation.abandonedOverlaps(),
                        jdbc.queryForList(
                                "select message, count(*) from job_logs where message like 'Poll failed%' group by message"))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from jobs where status <> 'SUCCESSFUL' or next_poll_at is not null",
                        Integer.class))
                .isZero();
        assertThat(jdbc.queryForList(
                        "select job_id from job_logs where message like 'Tracking ended%'"
                                + " group by job_id having count(*) <> 1",
                        String.class))
                .as("jobs that ended more than once")
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(distinct job_id) from job_logs where message like 'Tracking ended%'",
                        Integer.class))
                .isEqualTo(JOBS);
    }

    private int finished() {
        return jdbc.queryForObject("select count(*) from jobs where finished_at is not null", Integer.class);
    }

    private Map<String, Object> versions() {
        Map<String, Object> versions = new java.util.HashMap<>();
        jdbc.query("select id, version from jobs", rs -> {
            versions.put(rs.getString(1), rs.getLong(2));
        });
        return versions;
    }

    private static String quoted(List<String> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
