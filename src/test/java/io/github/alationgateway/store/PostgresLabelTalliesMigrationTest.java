package io.github.alationgateway.store;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

@EnabledIfPostgres
class PostgresLabelTalliesMigrationTest extends LabelTalliesMigrationContract {

    private TestPostgres.Schema schema;

    @Override
    FluentConfiguration flyway() {
        if (schema == null) schema = TestPostgres.newSchema();
        return Flyway.configure()
                .dataSource(schema.url(), schema.username(), schema.password())
                .schemas(schema.schema())
                .locations("classpath:db/migration/postgresql");
    }
}
