package io.github.alationgateway.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.alation.JobStatusAnswer;
import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.store.Outcomes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
class PollLoopResilienceTest {

    @Autowired
    JobClaims claims;

    @Autowired
    Outcomes outcomes;

    @Autowired
    JobStore store;

    @Autowired
    DecideOutcome decide;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    /** It used to end the claim thread: the replica then looked healthy and never polled again. */
    @Test
    void anUnexpectedErrorWhileClaimingDoesNotStopThePoller() {
        // GIVEN a claim that fails once with something other than a database error
        TestJobs.insert(jdbc, 3, clock.instant(), Duration.ZERO);
        AtomicInteger attempts = new AtomicInteger();
        JobClaims failingOnce = (owner, now, leaseUntil, limit) -> {
            if (attempts.incrementAndGet() == 1) throw new IllegalStateException("a bug, say");
            return claims.claimDue(owner, now, leaseUntil, limit);
        };
        var poller = new PollLoop(
                new PollProperties(
                        true,
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofHours(1),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(500),
                        4,
                        50,
                        Duration.ofMillis(20)),
                failingOnce,
                outcomes,
                new Succeeding(),
                decide,
                new FollowUps(store),
                clock,
                "resilient",
                new SimpleMeterRegistry());
        poller.start();
        try {
            // THEN it goes on claiming, and the jobs end
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from jobs where status = 'SUCCESSFUL'", Integer.class)
                                    == 3);
            assertThat(attempts.get()).isGreaterThan(1);
        } finally {
            poller.stop();
        }
    }

    static final class Succeeding implements AlationClient {
        @Override
        public Set<String> instances() {
            return Set.of("default");
        }

        @Override
        public JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
            return new JobStatusAnswer.Status("successful", "done", null);
        }
    }
}
