package io.github.alationgateway.outage;

import io.github.alationgateway.support.BreakableDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** H2 (the default database) cannot be stopped under a running gateway; its connections are broken instead. */
class H2OutageTest extends DatabaseOutageContract {

    @TestConfiguration
    static class Breakable {
        @Bean
        static BeanPostProcessor breakableDataSource() {
            return BreakableDataSource.wrapping();
        }
    }

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        gateway(registry);
    }

    @Override
    void databaseGoesAway() {
        ((BreakableDataSource) dataSource).breakIt();
    }

    @Override
    void databaseComesBack() {
        ((BreakableDataSource) dataSource).heal();
    }
}
