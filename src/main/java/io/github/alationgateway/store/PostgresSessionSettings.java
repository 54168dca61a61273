package io.github.alationgateway.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Opens every PostgreSQL session of the gateway without parallel query ({@code max_parallel_workers_per_gather
 * = 0}), through the driver's {@code options} startup parameter, so it costs no round trip; and has the driver send
 * a batch of inserts as multi-row inserts ({@code reWriteBatchedInserts}).
 *
 * <p>Every read the gateway makes is bounded by a LIMIT of at most 501 rows. Once the driver has prepared a list
 * query on the server, PostgreSQL plans it generically, without knowing that LIMIT, and then picked a Gather Merge
 * of two workers for the label filters: 19-29 ms, of which 14 ms starting the workers, where the plan without them
 * took 2-7 ms (bench/RESULTS.md, "Storage at a million jobs").
 *
 * <p>A batch registration inserts up to 500 jobs (its other rows go as COPY, {@link BulkInsert}) and updates the
 * tallies; sent one row a statement, every row paid for a statement's set-up in PostgreSQL. Rewritten, the driver
 * sends them up to 128 rows a statement. The gain is small (measured when all of a batch's rows went as inserts):
 * in one build, off against on, the database's CPU per registered job went from 160 to 155 µs (bench/RESULTS.md,
 * "Batch registrations, 2026-12-03 (2)"). The
 * driver then answers {@code SUCCESS_NO_INFO} for each row of an insert batch: nothing here reads the counts of a
 * batch of inserts (they are read for updates only, which are never rewritten).
 *
 * <p>An operator who sets either in the JDBC URL keeps theirs: the driver lets the URL win over these properties.
 */
class PostgresSessionSettings implements BeanPostProcessor {

    static final String OPTIONS = "-c max_parallel_workers_per_gather=0";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari
                && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            addUnlessSet(hikari, "options", OPTIONS);
            addUnlessSet(hikari, "reWriteBatchedInserts", "true");
        }
        return bean;
    }

    private static void addUnlessSet(HikariDataSource hikari, String name, String value) {
        if (!hikari.getDataSourceProperties().containsKey(name)) hikari.addDataSourceProperty(name, value);
    }
}
