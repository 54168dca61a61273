package io.github.alationgateway.store;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

class H2LabelTalliesMigrationTest extends LabelTalliesMigrationContract {

    private final String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    FluentConfiguration flyway() {
        return Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/h2");
    }
}
