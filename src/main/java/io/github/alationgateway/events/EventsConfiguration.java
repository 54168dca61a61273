package io.github.alationgateway.events;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /**
     * PostgreSQL may be shared by several replicas, so open writers are found through its transaction ids; any other
     * database (H2) serves one replica, whose writers this process counts itself.
     */
    @Bean
    OpenWriters openWriters(DataSource dataSource, JdbcTemplate jdbc) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        return "PostgreSQL".equalsIgnoreCase(product) ? new PostgresOpenWriters(jdbc) : new InProcessOpenWriters();
    }
}
