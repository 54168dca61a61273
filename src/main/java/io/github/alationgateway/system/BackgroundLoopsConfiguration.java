package io.github.alationgateway.system;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BackgroundLoopsConfiguration {

    /** Also the {@code loops} health contributor, which the liveness group includes. */
    @Bean(destroyMethod = "stopAll")
    BackgroundLoops loops(MeterRegistry meters) {
        return new BackgroundLoops(meters);
    }
}
