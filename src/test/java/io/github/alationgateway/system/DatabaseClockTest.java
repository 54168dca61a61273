package io.github.alationgateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Replicas compare leases through the database, so each reads the database's time whatever its own clock says:
 * a machine clock an hour off must not shorten or stretch anyone's lease.
 */
class DatabaseClockTest {

    @Test
    void readsTheDatabasesTimeWhateverThisMachinesClockSays() {
        var dataSource = new SingleConnectionDataSource("jdbc:h2:mem:clock", "sa", "", true);
        try {
            // A database whose clock is an hour ahead of this machine's
            var clock =
                    new DatabaseClock(new JdbcTemplate(dataSource), "select dateadd(HOUR, 1, current_timestamp(6))");

            clock.synchronise();

            Instant anHourAhead = Instant.now().plus(Duration.ofHours(1));
            assertThat(Duration.between(anHourAhead, clock.instant()).abs()).isLessThan(Duration.ofSeconds(2));
            assertThat(clock.offset()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        } finally {
            dataSource.destroy();
        }
    }

    @Test
    void keepsTheLastOffsetWhenTheDatabaseIsAway() {
        // GIVEN a clock synchronised with a database 30 minutes behind
        var dataSource = new SingleConnectionDataSource("jdbc:h2:mem:clock2", "sa", "", true);
        var clock =
                new DatabaseClock(new JdbcTemplate(dataSource), "select dateadd(MINUTE, -30, current_timestamp(6))");
        clock.synchronise();
        Duration offset = clock.offset();

        // WHEN the database goes away and the clock is synchronised again
        dataSource.destroy();

        // THEN the failure reaches the caller (the loop guard counts it) and the last offset stays
        assertThatThrownBy(clock::synchronise).isInstanceOf(RuntimeException.class);
        assertThat(offset).isBetween(Duration.ofMinutes(-31), Duration.ofMinutes(-29));
        assertThat(clock.offset()).isEqualTo(offset);
    }
}
