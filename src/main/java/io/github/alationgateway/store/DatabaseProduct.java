package io.github.alationgateway.store;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The database the gateway is connected to, read once at start (a bean of {@code StoreConfiguration}). The one place
 * that tells PostgreSQL from the rest: PostgreSQL may be shared by several replicas, and its own features are used
 * where they are the point (SKIP LOCKED claims, upserts that add, COPY, transaction ids); any other database (H2)
 * serves one replica through portable SQL.
 *
 * @param name the product name the JDBC driver reports, e.g. "PostgreSQL" or "H2"
 */
public record DatabaseProduct(String name) {

    static DatabaseProduct of(DataSource dataSource) {
        try {
            return new DatabaseProduct(
                    JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database holds the jobs", e);
        }
    }

    public boolean isPostgres() {
        return "PostgreSQL".equalsIgnoreCase(name);
    }
}
