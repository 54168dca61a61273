package io.github.alationgateway.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a Spring test context at a fresh PostgreSQL schema. */
public final class PostgresProperties {

    private PostgresProperties() {}

    public static TestPostgres.Schema register(DynamicPropertyRegistry registry) {
        TestPostgres.Schema schema = TestPostgres.newSchema();
        registry.add("spring.datasource.url", schema::url);
        registry.add("spring.datasource.username", schema::username);
        registry.add("spring.datasource.password", schema::password);
        registry.add("spring.flyway.schemas", schema::schema);
        return schema;
    }
}
