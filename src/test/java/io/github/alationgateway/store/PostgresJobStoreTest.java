package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
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
}
