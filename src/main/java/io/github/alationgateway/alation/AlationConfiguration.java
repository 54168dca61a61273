package io.github.alationgateway.alation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class AlationConfiguration {

    @Bean
    AlationClient alationClient(AlationProperties properties, RestClient.Builder builder, ObjectMapper json) {
        return new RestAlationClient(properties, builder, json);
    }
}
