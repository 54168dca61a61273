package io.github.alationgateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Whether a claim costs the same with 1,000 or 1,000,000 finished jobs stored: PostgreSQL's plan of the claim
 * (EXPLAIN ANALYZE, rolled back) and its time over many runs, beside 1,000 due and 1,000 leased jobs.
 */
final class ClaimPlan {

    /** The statement of SkipLockedClaims, kept in step with it by hand. */
    static final String CLAIM = "update jobs j set lease_owner = ?, next_poll_at = ?, version = j.version + 1"
            + " from (select id, next_poll_at as due_at from jobs where next_poll_at <= ?"
            + " order by next_poll_at limit ? for update skip locked) due"
            + " where j.id = due.id returning j.*, due.due_at";


    private ClaimPlan() {}

    static void run() throws Exception {
        String schema = "bench_plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String url = PollBenchmark.PG_URL + (PollBenchmark.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Flyway.configure()
                .dataSource(url, PollBenchmark.PG_USER, PollBenchmark.PG_PASSWORD)
                .schemas(schema)
                .locations("classpath:db/migration/postgresql")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, PollBenchmark.PG_USER, PollBenchmark.PG_PASSWORD)) {
            for (int finished : new int[] {1_000, 1_000_000}) {
                fill(c, finished);
                System.out.printf(
                        Locale.ROOT, "%n### Claim of 200 with %,d finished + 1,000 due + 1,000 leased jobs%n", finished);
                explain(c);
                time(c);
            }
            c.createStatement().execute("drop schema " + schema + " cascade");
        }
    }

    private static void fill(Connection c, int finished) throws Exception {
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("truncate jobs cascade");
            s.execute("insert into jobs (id, instance, alation_key, alation_job_id, kind, status, alation_status, msg,"
                    + " registered_at, last_polled_at, finished_at, next_poll_at, poll_count, version)"
                    + " select 'f-' || g, 'default', 'id:' || g, g, 'GENERIC', 'SUCCESSFUL', 'successful',"
                    + " 'Job finished in 0.08 seconds', now() - interval '40 days' + g * interval '1 second',"
                    + " now() - interval '39 days' + g * interval '1 second',"
                    + " now() - interval '39 days' + g * interval '1 second', null, 3, 3"
                    + " from generate_series(1, " + finished + ") g");
            s.execute("insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at,"
                    + " next_poll_at, lease_owner, version) select 'd-' || g, 'default', 'id:d' || g, g, 'GENERIC',"
                    + " 'RUNNING', now() - interval '1 hour', now() - g * interval '1 millisecond', null, 1"
                    + " from generate_series(1, 1000) g");
            s.execute("insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at,"
                    + " next_poll_at, lease_owner, version) select 'l-' || g, 'default', 'id:l' || g, g, 'GENERIC',"
                    + " 'RUNNING', now() - interval '1 hour', now() + interval '30 seconds', 'other-replica', 1"
                    + " from generate_series(1, 1000) g");
            s.execute("vacuum analyze jobs");
        }
        System.out.printf(
                Locale.ROOT, "%n(filled %,d finished jobs in %.1f s)%n", finished, (System.nanoTime() - start) / 1e9);
    }

    private static void explain(Connection c) throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("explain (analyze, buffers, costs off) " + CLAIM)) {
            bind(p);
            System.out.println("```");
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) System.out.println(rs.getString(1));
            }
            System.out.println("```");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static void time(Connection c) throws Exception {
        int runs = 200;
        long[] micros = new long[runs];
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(CLAIM)) {
            for (int i = 0; i < runs; i++) {
                bind(p);
                long start = System.nanoTime();
                int rows = 0;
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) rows++;
                }
                micros[i] = (System.nanoTime() - start) / 1000;
                c.rollback();
                if (rows != 200) throw new IllegalStateException("claimed " + rows);
            }
        } finally {
            c.setAutoCommit(true);
        }
        Arrays.sort(micros);
        System.out.printf(
                Locale.ROOT,
                "claim of 200 rows, %d runs (each rolled back): median %.2f ms, p99 %.2f ms%n",
                runs,
                micros[runs / 2] / 1000.0,
                micros[runs * 99 / 100] / 1000.0);
    }

    private static void bind(PreparedStatement p) throws Exception {
        Instant now = Instant.now();
        p.setString(1, "bench-replica");
        p.setTimestamp(2, Timestamp.from(now.plusSeconds(30)));
        p.setTimestamp(3, Timestamp.from(now));
        p.setInt(4, 200);
    }
}
