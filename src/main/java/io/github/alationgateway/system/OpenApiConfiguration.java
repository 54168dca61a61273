package io.github.alationgateway.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The document at /v3/api-docs and Swagger UI at /swagger-ui/index.html. The errors every call can meet (401, 403,
 * 429) and the problem+json schema are added here once, so that the controllers' annotations name only what is
 * particular to each endpoint.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER_KEY = "bearer-key";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<String, String> EVERY_CALL = Map.of(
            "401", "No API key, or one the gateway does not know",
            "403", "The API key may not do this, or not on this instance",
            "429", "Too many requests from this API key; wait as Retry-After says");

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

    @Bean
    OpenApiCustomizer problemResponsesInApiDocs() {
        return openApi -> {
            // Added once springdoc has built the document's schemas, which would otherwise drop it.
            if (openApi.getComponents() == null) openApi.setComponents(new Components());
            openApi.getComponents().addSchemas("Problem", problemSchema());
            if (openApi.getPaths() == null) return;
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        if (path.startsWith("/api/")) {
                            EVERY_CALL.forEach((code, description) -> operation
                                    .getResponses()
                                    .putIfAbsent(
                                            code,
                                            new ApiResponse()
                                                    .description(description)
                                                    .content(new Content()
                                                            .addMediaType(PROBLEM_JSON, new MediaType()))));
                        }
                        operation.getResponses().values().forEach(OpenApiConfiguration::referToProblem);
                    }));
        };
    }

    private static void referToProblem(ApiResponse response) {
        MediaType problem =
                response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
        if (problem != null && problem.getSchema() == null) {
            problem.setSchema(new Schema<>().$ref("#/components/schemas/Problem"));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().description("What went wrong and what to do about it"))
                .addProperty("instance", new StringSchema().example("/api/v1/jobs"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("The request field or parameter at fault, when there is one")
                                .example("page_size"));
    }
}
