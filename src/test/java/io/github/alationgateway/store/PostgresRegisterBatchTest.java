package io.github.alationgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
class PostgresRegisterBatchTest extends RegisterBatchContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresProperties.register(registry);
    }

    @Test
    void textWithNulIsRefusedAsAnInsertRefusesIt() {
        // GIVEN two jobs (their log lines go as one COPY), one of whose log line holds NUL, which PostgreSQL's text
        // cannot hold
        List<RegisterBatch.Item> items = List.of(item(1, "nul\u0000here"), item(2, "plain"));

        // WHEN they are registered, THEN the batch fails as an insert of that line would, and writes nothing
        assertThatThrownBy(() -> batch.register(items)).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> batch.register(List.of(item(3, "nul\u0000here"))))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).isZero();
    }

    private static RegisterBatch.Item item(long id, String message) {
        NewJob job = new NewJob(
                "prod", AlationJobRef.ofId(990_000 + id), JobKind.GENERIC, Map.of(), "test", null, Instant.EPOCH);
        return new RegisterBatch.Item(job, message, null);
    }
}
