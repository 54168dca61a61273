package io.github.alationgateway.system;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClockConfiguration {

    /** Tests replace this bean with a clock they move by hand. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    DatabaseClock clock(DataSource dataSource, JdbcTemplate jdbc) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        // now() is the start of the transaction in PostgreSQL; clock_timestamp() is the time of the call.
        String query = "PostgreSQL".equalsIgnoreCase(product) ? "select clock_timestamp()" : "select current_timestamp";
        DatabaseClock clock = new DatabaseClock(jdbc, query);
        clock.synchronise();
        return clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Resynchronise {

        private final DatabaseClock clock;

        Resynchronise(org.springframework.beans.factory.ObjectProvider<DatabaseClock> clock) {
            this.clock = clock.getIfAvailable();
        }

        @Scheduled(fixedDelayString = "${gateway.clock-sync-interval:60s}", initialDelayString = "60s")
        void resynchronise() {
            if (clock != null) clock.synchronise();
        }
    }
}
