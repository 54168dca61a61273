package io.github.alationgateway.alation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class AlationConfiguration {

    @Bean
    RestAlationClient alationClient(
            AlationProperties properties,
            ObjectProvider<ObjectMapper> json,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> registry) {
        return new RestAlationClient(
                properties,
                json.getIfAvailable(ObjectMapper::new),
                clock.getIfAvailable(Clock::systemUTC),
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** {@code /actuator/health/alation}, one component per instance. The bean name gives the contributor's. */
    @Bean
    HealthContributor alationHealthContributor(RestAlationClient alationClient) {
        return CompositeHealthContributor.fromMap(alationClient.health());
    }
}
