package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
class PostgresJobStoreTest extends JobStoreContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresProperties.register(registry);
    }

    /** PostgresSessionSettings: list queries' generic plans must not start parallel workers. */
    @Test
    void sessionsRunWithoutParallelQuery() {
        assertThat(jdbc.queryForObject("show max_parallel_workers_per_gather", String.class))
                .isEqualTo("0");
    }

    /**
     * PostgresSessionSettings: a batch of inserts goes as multi-row inserts, which the driver answers with
     * SUCCESS_NO_INFO per row (one statement a row would answer 1 each).
     */
    @Test
    void batchedInsertsAreSentAsMultiRowInserts() {
        int[] counts = tx.execute(status -> {
            jdbc.execute("create temporary table rewritten (n int) on commit drop");
            return jdbc.batchUpdate(
                    "insert into rewritten (n) values (?)", List.of(new Object[] {1}, new Object[] {2}));
        });
        assertThat(counts).containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO);
    }
}
