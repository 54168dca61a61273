package io.github.alationgateway.stream;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfPostgres
// The PostgreSQL server is shared: give its connections back as soon as this class is done.
@DirtiesContext
class PostgresStreamTest extends StreamContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fakeAlation(registry);
        PostgresProperties.register(registry);
    }
}
