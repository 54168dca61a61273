package io.github.alationgateway.ui;

import io.github.alationgateway.support.EnabledIfPostgres;
import io.github.alationgateway.support.PostgresProperties;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EnabledIfSystemProperty(named = "dashboard.bench", matches = "true")
@EnabledIfPostgres
@SpringBootTest(
        properties = {
            "gateway.poll.enabled=false",
            "gateway.instances.prod.base-url=http://127.0.0.1:9",
            "gateway.instances.test.base-url=http://127.0.0.1:9",
            "gateway.security.api-keys[0].name=bench",
            "gateway.security.api-keys[0].key=" + DashboardRenderTimes.KEY,
            "gateway.security.api-keys[0].role=reader",
        })
@AutoConfigureMockMvc
class PostgresDashboardRenderTimesTest extends DashboardRenderTimes {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresProperties.register(registry);
    }

    @Override
    String database() {
        return "PostgreSQL";
    }
}
