package io.github.alationgateway.families;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
class PostgresFamiliesLifecycleTest extends FamiliesLifecycleContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fakeAlation(registry);
        PostgresProperties.register(registry);
    }
}
