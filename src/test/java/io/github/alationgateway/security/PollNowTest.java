package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.store.JobClaims;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.support.GatewayApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Poll-now answers 202 only when it made the job due, and 409 problem+json saying why when it could not. Here
 * beside the other API tests, on their gateway whose poller is off, so that a lease taken by the test holds.
 */
class PollNowTest extends SecuredGateway {

    private static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    @Autowired
    JobClaims claims;

    @Autowired
    JobStore store;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anIdleJobIsMadeDueNow() {
        String id = registerOn("prod").path("id").asString();
        jdbc.update(
                "update jobs set next_poll_at = ? where id = ?", clock.instant().plus(Duration.ofHours(1)), id);

        GatewayApi.Answer answer = admin.post("/api/v1/jobs/" + id + "/poll", null);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(store.findById(id).orElseThrow().nextPollAt()).isBeforeOrEqualTo(clock.instant());
    }

    /** It used to answer 202 although requestPoll changed nothing: the caller believed a second poll was coming. */
    @Test
    void aJobWhosePollIsUnderWayAnswers409SayingSo() {
        // GIVEN a job claimed by a poller whose lease holds for another minute
        // (due long ago, so that the claim takes it and none of the other tests' jobs)
        String id = registerOn("prod").path("id").asString();
        jdbc.update("update jobs set next_poll_at = ? where id = ?", LONG_AGO, id);
        assertThat(claims.claimDue("replica-a", LONG_AGO, clock.instant().plus(Duration.ofMinutes(1)), 10))
                .extracting(claim -> claim.job().id())
                .containsExactly(id);

        GatewayApi.Answer answer = admin.post("/api/v1/jobs/" + id + "/poll", null);

        // THEN poll-now refuses, naming the poll under way, and leaves the lease alone
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body().path("detail").asString()).contains("is being polled now");
        assertThat(store.findById(id).orElseThrow().leaseOwner()).isEqualTo("replica-a");
        assertThat(store.findById(id).orElseThrow().nextPollAt()).isAfter(clock.instant());
    }

    @Test
    void anEndedJobAnswers409SayingItHasEnded() {
        String id = registerOn("prod").path("id").asString();
        jdbc.update("update jobs set status = 'SUCCESSFUL', finished_at = next_poll_at where id = ?", id);

        GatewayApi.Answer answer = admin.post("/api/v1/jobs/" + id + "/poll", null);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("detail").asString()).contains("has ended (successful)");
    }

    /** A lease whose replica is gone is due already: poll-now says 202 and the next claim takes the job. */
    @Test
    void aLapsedLeaseIsDueAndAnswers202() {
        String id = registerOn("prod").path("id").asString();
        jdbc.update("update jobs set next_poll_at = ? where id = ?", LONG_AGO, id);
        assertThat(claims.claimDue("gone", LONG_AGO, LONG_AGO.plus(Duration.ofMinutes(1)), 10))
                .extracting(claim -> claim.job().id())
                .containsExactly(id);

        GatewayApi.Answer answer = admin.post("/api/v1/jobs/" + id + "/poll", null);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(store.findById(id).orElseThrow().nextPollAt()).isBeforeOrEqualTo(clock.instant());
    }
}
