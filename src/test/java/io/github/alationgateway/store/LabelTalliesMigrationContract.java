package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V8_8 fills the label tallies from the jobs a database already holds: run on a schema at V8_7 with jobs and labels
 * in it, it leaves tallies that equal a count of them, each job's label rows in the stripe the writers would use
 * for it ({@link TallyChanges#labelStripe}), so that the job's later changes net out in the same rows.
 */
abstract class LabelTalliesMigrationContract {

    /** A new, empty database (or schema) and where its migrations are. */
    abstract FluentConfiguration flyway();

    @Test
    void theMigrationCountsTheJobsAlreadyStored() {
        // GIVEN a database at V8_7 with jobs in every status, two instances and kinds, labels shared and per job,
        // one job without labels and one whose id does not end in a hex digit
        Flyway before = flyway().outOfOrder(true).target("8.7").load();
        before.migrate();
        DataSource dataSource = before.getConfiguration().getDataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        JobStatus[] statuses = JobStatus.values();
        Instant at = Instant.parse("2026-05-01T10:20:00Z");
        for (int i = 0; i < 40; i++) {
            String id = i == 39 ? "not-a-uuid-" + i : UUID.randomUUID().toString();
            JobStatus status = statuses[i % statuses.length];
            Instant finished = status.isFinal() ? at.plusSeconds(1800L * i) : null;
            jdbc.update(
                    "insert into jobs (id, instance, alation_key, kind, status, registered_at, finished_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)",
                    id,
                    i % 3 == 0 ? "sandbox" : "prod",
                    "id:" + i,
                    i % 2 == 0 ? "TERM_PUT" : "DOCUMENT_POST",
                    status.name(),
                    JobRows.timestamp(at),
                    JobRows.timestamp(finished));
            if (i == 7) continue;
            jdbc.update(
                    "insert into job_labels (job_id, label_key, label_value, registered_at) values (?, ?, ?, ?)",
                    id,
                    "pipeline",
                    i % 4 == 0 ? "nightly" : "adhoc",
                    JobRows.timestamp(at));
            jdbc.update(
                    "insert into job_labels (job_id, label_key, label_value, registered_at) values (?, ?, ?, ?)",
                    id,
                    "run",
                    "r" + i,
                    JobRows.timestamp(at));
        }

        // WHEN V8_8 runs
        flyway().outOfOrder(true).load().migrate();

        // THEN the label tallies and ended hours equal a count of the jobs and their labels
        assertThat(rows(
                        jdbc,
                        "select label_key, label_value, instance, kind, status, sum(jobs) from job_label_tallies"
                                + " group by label_key, label_value, instance, kind, status"))
                .isEqualTo(rows(
                        jdbc,
                        "select l.label_key, l.label_value, j.instance, j.kind, j.status, count(*) from job_labels l"
                                + " join jobs j on j.id = l.job_id"
                                + " group by l.label_key, l.label_value, j.instance, j.kind, j.status"))
                .isNotEmpty();
        assertThat(rows(
                        jdbc,
                        "select label_key, label_value, ended_hour, instance, kind, status, jobs"
                                + " from job_label_ended_hours"))
                .isEqualTo(endedFromTheJobs(jdbc))
                .isNotEmpty();
        // AND each job's rows sit in the stripe its later changes will use
        jdbc.query(
                "select l.job_id, t.stripe from job_labels l join jobs j on j.id = l.job_id join job_label_tallies t"
                        + " on t.label_key = l.label_key and t.label_value = l.label_value and t.status = j.status"
                        + " where l.label_key = 'run'",
                rs -> {
                    assertThat(rs.getShort(2)).as(rs.getString(1)).isEqualTo(TallyChanges.labelStripe(rs.getString(1)));
                });
        assertThat(jdbc.queryForObject("select count(distinct stripe) from job_label_tallies", Long.class))
                .isGreaterThan(4L);
    }

    private static Map<String, Long> rows(JdbcTemplate jdbc, String sql) {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.query(sql, rs -> {
            int columns = rs.getMetaData().getColumnCount();
            StringBuilder key = new StringBuilder();
            for (int c = 1; c < columns; c++) key.append(rs.getString(c)).append('/');
            rows.put(key.toString(), rs.getLong(columns));
        });
        return rows;
    }

    /** Hours computed here, in Java, from each job's end: not the migration's expression again. */
    private static Map<String, Long> endedFromTheJobs(JdbcTemplate jdbc) {
        Map<String, Long> rows = new TreeMap<>();
        jdbc.query(
                "select l.label_key, l.label_value, j.finished_at, j.instance, j.kind, j.status from job_labels l"
                        + " join jobs j on j.id = l.job_id where j.finished_at is not null",
                rs -> {
                    long hour = Math.floorDiv(JobRows.instant(rs, "finished_at").getEpochSecond(), 3600);
                    String key = String.join(
                                    "/",
                                    rs.getString(1),
                                    rs.getString(2),
                                    Long.toString(hour),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6))
                            + "/";
                    rows.merge(key, 1L, Long::sum);
                });
        return rows;
    }
}
