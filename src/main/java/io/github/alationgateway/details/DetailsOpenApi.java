package io.github.alationgateway.details;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the schemas of list items to the OpenAPI document. Their lists are {@code List<Object>} (an item that does
 * not fit stays as sent), and swagger-core 2.2 in OpenAPI 3.1 mode references the {@code @ArraySchema} item
 * class without defining it, which would leave dangling {@code $ref}s.
 */
@Configuration(proxyBeanMethods = false)
class DetailsOpenApi {

    private static final List<Class<?>> ITEMS = List.of(
            JobDetailsDocumentPost.CreatedTerm.class,
            JobDetailsDocumentPut.UpdatedTerm.class,
            JobDetailsCustomFieldPost.Item.class,
            JobDetailsRdbms.Item.class,
            JobDetailsRdbms.Mapping.class,
            JobDetailsDocumentHubFolderPost.Folder.class,
            JobDetailsDocumentHubFolderPut.Folder.class,
            JobDetailsDataflowPost.Item.class,
            JobDetailsDataflowPost.Mapping.class,
            JobDetailsDataflowDelete.Item.class,
            JobDetailsDataflowDelete.Mapping.class,
            DataDictionaryTaskDetails.TaskError.class);

    @Bean
    OpenApiCustomizer jobDetailsItemSchemas() {
        return openApi -> {
            Components components = openApi.getComponents();
            if (components == null
                    || components.getSchemas() == null
                    || !components.getSchemas().containsKey("JobDetails")) return;
            ModelConverters converters = ModelConverters.getInstance(true);
            for (Class<?> item : ITEMS) {
                // Only our own schemas: the plain converter would also add a bean schema for Jackson's JsonNode.
                converters.readAll(item).forEach((name, schema) -> {
                    if (name.startsWith("JobDetails") || name.startsWith("DataDictionary")) {
                        components.getSchemas().putIfAbsent(name, schema);
                    }
                });
            }
        };
    }
}
