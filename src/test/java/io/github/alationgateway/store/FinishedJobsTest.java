package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.details.JobKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "gateway.poll.enabled=false")
class FinishedJobsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Autowired
    FinishedJobs finished;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void empty() {
        jdbc.update("delete from job_logs");
        jdbc.update("delete from job_labels");
        jdbc.update("delete from jobs");
    }

    private void insert(JobKind kind, String status, Instant registered, Instant finishedAt) {
        jdbc.update(
                "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at, finished_at,"
                        + " version) values (?, 'prod', ?, 1, ?, ?, ?, ?, 0)",
                UUID.randomUUID().toString(),
                "id:" + UUID.randomUUID(),
                kind.name(),
                status,
                Timestamp.from(registered),
                finishedAt == null ? null : Timestamp.from(finishedAt));
    }

    @Test
    void theNewestEndedJobsComeOldestFirstWithoutExpiredOrRunningOnes() {
        // GIVEN three ended jobs, one expired and one still running
        insert(JobKind.DOCUMENT_POST, "SUCCESSFUL", T0, T0.plusSeconds(2));
        insert(JobKind.TERM_PUT, "FAILED", T0, T0.plusSeconds(30));
        insert(JobKind.RDBMS_TABLE_POST, "PARTIALLY_SUCCESSFUL", T0, T0.plusSeconds(60));
        insert(JobKind.GENERIC, "EXPIRED", T0, T0.plusSeconds(90));
        insert(JobKind.GENERIC, "RUNNING", T0, null);

        // WHEN the newest two are read
        var newest = finished.newest(2);

        // THEN they are the two that ended last, oldest first, with what the cadence learns from
        assertThat(newest)
                .containsExactly(
                        new FinishedJobs.Finished("prod", JobKind.TERM_PUT, T0, T0.plusSeconds(30)),
                        new FinishedJobs.Finished("prod", JobKind.RDBMS_TABLE_POST, T0, T0.plusSeconds(60)));
    }
}
