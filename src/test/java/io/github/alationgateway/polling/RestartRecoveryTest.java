package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.store.ClaimedJob;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.support.CountingAlation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A gateway that dies holding leases (SIGKILL, a power cut) leaves its jobs claimed in the database. The next
 * gateway on the same database polls them once those leases run out, not before: nobody tells it the first
 * one died.
 */
class RestartRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void jobsLeasedByAGatewayThatDiedArePolledByTheNextOnceTheLeasesRunOut() {
        String url =
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("gateway").toAbsolutePath();
        List<String> ids;
        Instant leaseEnd;
        // GIVEN a gateway that claimed 5 due jobs for 3 s and died before polling them
        try (ConfigurableApplicationContext first = gateway(url, "--gateway.poll.enabled=false")) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            Instant now = first.getBean(Clock.class).instant();
            TestJobs.insert(jdbc, 5, now, Duration.ZERO);
            leaseEnd = now.plusSeconds(3);
            List<ClaimedJob> claimed = first.getBean(JobClaims.class).claimDue("died-1234-abcd", now, leaseEnd, 10);
            assertThat(claimed).hasSize(5);
            ids = claimed.stream().map(c -> c.job().id()).toList();
        }
        // WHEN the next gateway starts on the same database
        try (CountingAlation alation = CountingAlation.start(0, 0, 4);
                ConfigurableApplicationContext next = gateway(
                        url,
                        "--gateway.instances.default.base-url=" + alation.baseUrl(),
                        "--gateway.instances.default.access-token=token",
                        "--gateway.poll.interval=100ms",
                        "--gateway.poll.idle-wait=50ms")) {
            JobStore store = next.getBean(JobStore.class);
            // THEN it polls each of them once, after the dead gateway's leases ran out
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ids.stream()
                            .allMatch(id -> store.findById(id).orElseThrow().status() == JobStatus.SUCCESSFUL));
            for (String id : ids) {
                Job job = store.findById(id).orElseThrow();
                assertThat(job.lastPolledAt())
                        .isAfterOrEqualTo(leaseEnd.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
                assertThat(job.pollCount()).isEqualTo(1);
            }
            assertThat(alation.totalPolls()).isEqualTo(5);
        }
    }

    private static ConfigurableApplicationContext gateway(String... args) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
