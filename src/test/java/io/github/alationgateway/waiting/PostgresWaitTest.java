package io.github.alationgateway.waiting;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
class PostgresWaitTest extends WaitContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fakeAlation(registry);
        PostgresProperties.register(registry);
    }
}
