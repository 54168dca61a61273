package io.github.alationgateway.ui;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

@EnabledIfSystemProperty(named = "dashboard.bench", matches = "true")
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
class H2DashboardRenderTimesTest extends DashboardRenderTimes {

    @Override
    String database() {
        return "H2 (in memory)";
    }
}
