package io.github.alationgateway.system;

import io.github.alationgateway.store.DatabaseProduct;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClockConfiguration {

    /** Tests replace this bean with a clock they move by hand. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    DatabaseClock clock(DatabaseProduct database, JdbcTemplate jdbc) {
        // now() is the start of the transaction in PostgreSQL; clock_timestamp() is the time of the call.
        String query = database.isPostgres() ? "select clock_timestamp()" : "select current_timestamp";
        DatabaseClock clock = new DatabaseClock(jdbc, query);
        try {
            clock.synchronise();
        } catch (RuntimeException e) {
            // Flyway reports a database that is away at start; the clock is synchronised again later.
            LoggerFactory.getLogger(DatabaseClock.class)
                    .warn("Could not read the database's clock at start: {}", e.getMessage());
        }
        return clock;
    }

    @Configuration(proxyBeanMethods = false)
    static class Resynchronise {

        private final DatabaseClock clock;
        private final BackgroundLoops loops;

        Resynchronise(org.springframework.beans.factory.ObjectProvider<DatabaseClock> clock, BackgroundLoops loops) {
            this.clock = clock.getIfAvailable();
            this.loops = loops;
        }

        @Scheduled(fixedDelayString = "${gateway.clock-sync-interval:60s}", initialDelayString = "60s")
        void resynchronise() {
            if (clock != null) loops.guard("clock-sync", clock::synchronise);
        }
    }
}
