package io.github.alationgateway.events;

import io.github.alationgateway.store.DatabaseProduct;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    /**
     * PostgreSQL may be shared by several replicas, so open writers are found through its transaction ids; any other
     * database (H2) serves one replica, whose writers this process counts itself.
     */
    @Bean
    OpenWriters openWriters(DatabaseProduct database, JdbcTemplate jdbc) {
        return database.isPostgres() ? new PostgresOpenWriters(jdbc) : new InProcessOpenWriters();
    }
}
