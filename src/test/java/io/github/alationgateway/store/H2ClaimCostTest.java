package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A claim on H2 reads the due jobs, not the whole history: finished jobs stay in H2's index (no partial
 * indexes there) and must not be walked. PostgreSQL's partial index is checked by the benchmark's EXPLAIN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
class H2ClaimCostTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobClaims claims;

    @Test
    void aClaimReadsOnlyDueRowsHoweverManyJobsHaveFinished() {
        // GIVEN 20,000 finished jobs and 10 due ones
        jdbc.update("delete from job_logs");
        jdbc.update("delete from jobs");
        jdbc.update("insert into jobs (id, instance, alation_key, kind, status, registered_at, finished_at, version)"
                + " select 'f-' || x, 'default', 'id:' || x, 'GENERIC', 'SUCCESSFUL', current_timestamp,"
                + " current_timestamp, 1 from system_range(1, 20000)");
        jdbc.update("insert into jobs (id, instance, alation_key, kind, status, registered_at, next_poll_at, version)"
                + " select 'd-' || x, 'default', 'id:d' || x, 'GENERIC', 'RUNNING', current_timestamp,"
                + " dateadd(SECOND, -x, current_timestamp), 1 from system_range(1, 10)");
        Instant now = Instant.now().plusSeconds(1);

        // WHEN H2 runs the claim's query
        String plan = jdbc.queryForObject(
                "explain analyze " + OptimisticClaims.DUE,
                String.class,
                JobRows.timestamp(Instant.EPOCH),
                JobRows.timestamp(now),
                200);

        // THEN it reads the 10 due rows, not the 20,000 finished ones
        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertThat(scanned.find()).as(plan).isTrue();
        assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(11);
        assertThat(claims.claimDue("replica", now, now.plusSeconds(30), 200)).hasSize(10);
    }
}
