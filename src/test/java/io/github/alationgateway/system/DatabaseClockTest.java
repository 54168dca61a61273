package io.github.alationgateway.system;

import static org.assertj.core.api.Assertions.assertThat;

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
        var dataSource = new SingleConnectionDataSource("jdbc:h2:mem:clock2", "sa", "", true);
        try {
            var clock = new DatabaseClock(
                    new JdbcTemplate(dataSource), "select dateadd(MINUTE, -30, current_timestamp(6))");
            clock.synchronise();
            Duration offset = clock.offset();

            var unreachable = new DatabaseClock(new JdbcTemplate(dataSource), "select no_such_function()");
            unreachable.synchronise();

            assertThat(offset).isBetween(Duration.ofMinutes(-31), Duration.ofMinutes(-29));
            assertThat(unreachable.offset()).isZero();
        } finally {
            dataSource.destroy();
        }
    }
}
