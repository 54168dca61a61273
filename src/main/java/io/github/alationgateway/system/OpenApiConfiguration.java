package io.github.alationgateway.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document at /v3/api-docs and Swagger UI at /swagger-ui/index.html; every call needs an API key. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER_KEY = "bearer-key";

    @Bean
    OpenAPI gatewayOpenApi(@Value("${info.app.version:unknown}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Alation job-tracking gateway")
                        .version(version)
                        .description("Register the handle Alation answered when it started an asynchronous job; the"
                                + " gateway polls Alation for you, keeps the job's status and log, and serves its"
                                + " result as typed details named after Allie-SDK's data classes. Errors are"
                                + " application/problem+json (RFC 9457); a bad field or parameter is named in"
                                + " 'field'."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The gateway API key, sent as 'Authorization: Bearer <key>'")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_KEY));
    }
}
