package io.github.alationgateway.store;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Opens every PostgreSQL session of the gateway without parallel query ({@code max_parallel_workers_per_gather
 * = 0}), through the driver's {@code options} startup parameter, so it costs no round trip.
 *
 * <p>Every read the gateway makes is bounded by a LIMIT of at most 501 rows. Once the driver has prepared a list
 * query on the server, PostgreSQL plans it generically, without knowing that LIMIT, and then picked a Gather Merge
 * of two workers for the label filters: 19-29 ms, of which 14 ms starting the workers, where the plan without them
 * took 2-7 ms (bench/RESULTS.md, "Storage at a million jobs"). An operator who sets {@code options} in the JDBC
 * URL keeps theirs: the driver lets the URL win over these properties.
 */
class PostgresSessionSettings implements BeanPostProcessor {

    static final String OPTIONS = "-c max_parallel_workers_per_gather=0";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource hikari
                && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !hikari.getDataSourceProperties().containsKey("options")) {
            hikari.addDataSourceProperty("options", OPTIONS);
        }
        return bean;
    }
}
