package io.github.alationgateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.alation.AlationProperties;
import io.github.alationgateway.polling.PollProperties;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The operator's ./application.yml, as shipped, starts the gateway and means what its comments say. */
class OperatorConfigurationTest {

    @Test
    void theShippedOperatorFileBindsAndStarts() {
        try (var context = new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.config.location=classpath:/,file:./application.yml",
                        "--spring.profiles.active=",
                        "--spring.datasource.url=jdbc:h2:mem:operator-" + UUID.randomUUID(),
                        "--gateway.poll.enabled=false")) {
            AlationProperties alation = context.getBean(AlationProperties.class);
            PollProperties poll = context.getBean(PollProperties.class);

            assertThat(alation.instances()).containsOnlyKeys("default");
            assertThat(alation.instances().get("default").baseUrl())
                    .isEqualTo(URI.create(
                            System.getenv().getOrDefault("ALATION_BASE_URL", "https://alation.example.com")));
            assertThat(alation.instances().get("default").maxRequestsPerSecond())
                    .isEqualTo(20);
            assertThat(alation.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(poll.interval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(poll.maxInterval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(poll.deadline()).isEqualTo(Duration.ofHours(24));
            assertThat(poll.lease()).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
