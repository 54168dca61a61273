package io.github.alationgateway.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** Bounds on what a request may make the gateway parse, and on what the actuator may show. */
@Configuration(proxyBeanMethods = false)
class InputLimits {

    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_STRING_LENGTH = 1024 * 1024;
    static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Boot's own JsonMapper.Builder, made on a JsonFactory with tighter read limits. In Boot 4.0 (Jackson 3) the
     * factory is fixed when the builder is made, so a {@link JsonMapperBuilderCustomizer} cannot set these; the
     * customizers are applied here in Boot's order, as Boot does (spring-boot#48594).
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /**
     * Boot shows no values in /actuator/env and /actuator/configprops by default (show-values: never). Should an
     * operator turn values on, credentials, API keys and their hashes stay masked all the same.
     */
    @Bean
    SanitizingFunction maskCredentials() {
        return SanitizingFunction.sanitizeValue()
                .ifLikelySensitive()
                .ifKeyContains("token", "secret", "key", "sha256", "password", "credential");
    }
}
