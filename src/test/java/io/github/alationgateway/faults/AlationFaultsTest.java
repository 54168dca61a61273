package io.github.alationgateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.FaultyAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad day, for real over HTTP: 300 jobs, Alation answering 12 % 503, 5 % 429 ({@code Retry-After: 1})
 * and 5 % HTML pages, then down for 6 s, with a 60 s deadline. It used to expire jobs Alation would have reported
 * successful at the next poll, because each job backed off on its own. Now faults are the instance's: no job
 * expires, and after the outage the instance's circuit lets every running job be polled again soon.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AlationFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(AlationFaultsTest.class);

    static final int JOBS = 300;
    static final Duration INTERVAL = Duration.ofSeconds(3);
    static final Duration OUTAGE = Duration.ofSeconds(6);

    static FaultyAlation alation = FaultyAlation.start();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.default.base-url", alation::baseUrl);
        registry.add("gateway.instances.default.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.instances.default.max-requests-per-second", () -> "0");
        registry.add("gateway.poll.cadence", () -> "fixed");
        registry.add("gateway.poll.interval", () -> INTERVAL.toMillis() + "ms");
        // Room for a job's own backoff to show, as it did: one job waited 27 s after 9 faults in a row.
        registry.add("gateway.poll.max-interval", () -> "30s");
        registry.add("gateway.poll.deadline", () -> "60s");
        registry.add("gateway.poll.idle-wait", () -> "50ms");
        // 300 registrations at once: the test is about Alation's faults, not the gateway's own limit per API key,
        // which registrations (no longer slowed by reading back what they wrote) now pass in one burst.
        registry.add("gateway.security.rate-limit.requests-per-second", () -> "0");
    }

    @AfterAll
    static void stopAlation() {
        alation.close();
    }

    @Test
    void noJobExpiresThroughFaultsAndAnOutageAndTheReturnIsNoticedSoon() {
        // GIVEN 300 running jobs, polled through a steady 22 % of faults
        // every job ends in Alation 15 to 35 s after the last is registered, at least 25 s before its deadline
        // (anchored after registering, which a loaded machine once stretched to 90 s: jobs ended before the outage)
        alation.jobsEndIn(Duration.ofMinutes(10), Duration.ofMinutes(10));
        long start = System.nanoTime();
        GatewayApi api = new GatewayApi(port);
        IntStream.rangeClosed(1, JOBS).parallel().forEach(i -> api.register("{\"response\": {\"job_id\": " + i + "}}"));
        long registered = System.nanoTime();
        alation.jobsEndIn(Duration.ofSeconds(15), Duration.ofSeconds(35));

        // WHEN the instance is down for 6 s
        long back = alation.goDown(OUTAGE);
        await().atMost(OUTAGE.multipliedBy(2)).until(() -> System.nanoTime() >= back);
        List<Long> running = jdbc.queryForList("select alation_job_id from jobs where finished_at is null", Long.class);

        // THEN every job ends as Alation reports it, none expires
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from jobs where finished_at is not null") == JOBS);
        assertThat(count("select count(*) from jobs where status = 'SUCCESSFUL'"))
                .as("jobs ended successful; expired: %s", count("select count(*) from jobs where status = 'EXPIRED'"))
                .isEqualTo(JOBS);

        // AND every job still running when the outage ended was answered again soon after
        List<Long> millis = new ArrayList<>();
        for (long id : running) {
            Duration toStatus = alation.toFirstStatusAfterOutage(id);
            assertThat(toStatus).as("job %s got an answer after the outage", id).isNotNull();
            millis.add(toStatus.toMillis());
        }
        millis.sort(null);
        long p50 = millis.get(millis.size() / 2);
        long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
        Duration noticed = alation.toFirstStatusAfterOutage();
        log.info(
                "Registered {} jobs in {} ms. After a {} s outage the instance's return was noticed after {} ms; the {}"
                        + " running jobs first answered after p50 {} ms, p99 {} ms, max {} ms (interval {} ms; {} calls,"
                        + " {} faults, {} calls while down)",
                JOBS,
                Duration.ofNanos(registered - start).toMillis(),
                OUTAGE.toSeconds(),
                noticed.toMillis(),
                millis.size(),
                p50,
                p99,
                millis.get(millis.size() - 1),
                INTERVAL.toMillis(),
                alation.calls(),
                alation.faults(),
                alation.callsWhileDown());
        assertThat(running).hasSizeGreaterThan(JOBS / 2);
        // Not the 2 intervals hoped for (issue 9 stays open for it): 5 % of calls answer 429 with Retry-After 1, and
        // each pauses the whole instance for that second as Alation asks, which caps the calls at about 20 per
        // second. With all 300 jobs running (a quiet machine registers them all before the outage) a round takes
        // 15 s, and the 22 % of faults send some jobs round twice: p99 27-28 s measured. The bound catches a
        // return to per-job backoff, which left jobs waiting far longer.
        assertThat(Duration.ofMillis(p99)).isLessThan(INTERVAL.multipliedBy(15));

        // AND while the instance was down, its circuit held the jobs back: a few faults opened it, then a few probes
        // per interval, where 300 jobs polled on their own would have sent hundreds of calls
        assertThat(alation.callsWhileDown()).isLessThan(60);

        // AND the gateway noticed the instance was back within about one interval: its circuit's probe
        assertThat(noticed).isLessThan(INTERVAL.multipliedBy(2));
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
