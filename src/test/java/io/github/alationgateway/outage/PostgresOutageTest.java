package io.github.alationgateway.outage;

import io.github.alationgateway.support.EnabledIfPrivatePostgres;
import io.github.alationgateway.support.PrivatePostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real PostgreSQL, the test's own, stopped (fast shutdown: connections cut) under the running gateway and
 * started again. The shared server other tests use is never touched.
 */
@EnabledIfPrivatePostgres
class PostgresOutageTest extends DatabaseOutageContract {

    static PrivatePostgres db;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        db = PrivatePostgres.start();
        gateway(registry);
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void removeDatabase() {
        if (db != null) db.close();
    }

    @Override
    void databaseGoesAway() {
        db.stop();
    }

    @Override
    void databaseComesBack() {
        db.restart();
    }
}
