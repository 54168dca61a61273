package io.github.alationgateway.store;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
class PostgresLabelTalliesTest extends LabelTalliesContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PostgresProperties.register(registry);
    }
}
