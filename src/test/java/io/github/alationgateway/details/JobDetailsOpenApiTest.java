package io.github.alationgateway.details;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document describes {@code details} as oneOf the data classes, told apart by {@code type}. */
@WebMvcTest(JobDetailsOpenApiTest.DetailsProbe.class)
@Import({JobDetailsOpenApiTest.DetailsProbe.class, DetailsOpenApi.class})
@ImportAutoConfiguration({
    SpringDocConfiguration.class,
    SpringDocConfigProperties.class,
    SpringDocWebMvcConfiguration.class
})
class JobDetailsOpenApiTest {

    /** Stands in for the job API of the rest of the service, which answers with details. */
    @RestController
    static class DetailsProbe {
        record Job(JobDetails details) {}

        @GetMapping("/probe")
        Job job() {
            return new Job(null);
        }
    }

    @Autowired
    private MockMvcTester mvc;

    private JsonNode schemas() throws Exception {
        String body = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(body).at("/components/schemas");
    }

    @Test
    void detailsAreOneOfTheDataClassesWithTypeAsDiscriminator() throws Exception {
        JsonNode details = schemas().get("JobDetails");

        assertThat(details.get("oneOf")).hasSize(15);
        assertThat(details.at("/discriminator/propertyName").stringValue()).isEqualTo("type");
        assertThat(details.at("/discriminator/mapping").size()).isEqualTo(15);
        assertThat(details.at("/discriminator/mapping/JobDetails").stringValue())
                .isEqualTo("#/components/schemas/GenericJobDetails");
        for (JobKind kind : JobKind.values()) {
            if (kind != JobKind.GENERIC && !kind.dataClass().equals("JobDetails")) {
                assertThat(details.at("/discriminator/mapping/" + kind.dataClass())
                                .stringValue())
                        .isEqualTo("#/components/schemas/" + kind.dataClass());
            }
        }
    }

    @Test
    void everyDataClassSchemaHasTheEnvelope() throws Exception {
        JsonNode schemas = schemas();

        for (JsonNode ref : schemas.at("/JobDetails/oneOf")) {
            String name = ref.get("$ref").stringValue().replace("#/components/schemas/", "");
            // A data dictionary task also carries the task's errors, fetched apart from its status.
            String[] envelope = name.equals("DataDictionaryTaskDetails")
                    ? new String[] {"type", "status", "msg", "result", "typed", "errors"}
                    : new String[] {"type", "status", "msg", "result", "typed"};
            assertThat(schemas.get(name).get("properties").propertyNames())
                    .as(name)
                    .containsExactlyInAnyOrder(envelope);
        }
    }

    @Test
    void dataDictionaryTaskSchemasUseAlationsNames() throws Exception {
        JsonNode schemas = schemas();

        assertThat(schemas.at("/DataDictionaryTaskDetails/properties/result/$ref")
                        .stringValue())
                .isEqualTo("#/components/schemas/DataDictionaryTaskDetailsResult");
        assertThat(schemas.at("/DataDictionaryTaskDetailsResult/properties").propertyNames())
                .containsExactly(
                        "id",
                        "type",
                        "state",
                        "status",
                        "progress",
                        "result",
                        "ts_created",
                        "ts_updated",
                        "ts_completed",
                        "dd_resource",
                        "report_download_link");
        assertThat(schemas.at("/DataDictionaryTaskDetails/properties/errors/items/$ref")
                        .stringValue())
                .isEqualTo("#/components/schemas/DataDictionaryTaskError");
        assertThat(schemas.at("/DataDictionaryTaskError/properties").propertyNames())
                .containsExactly(
                        "timestamp", "name", "fatal", "error_message", "original_error_message", "details", "category");
        assertThat(schemas.at("/DataDictionaryTaskErrorRange/properties").propertyNames())
                .containsExactly("start", "end", "start_inclusive", "end_inclusive");
    }

    @Test
    void resultSchemasUseAlationsNamesAndResolve() throws Exception {
        JsonNode schemas = schemas();
        String document = schemas.toString();

        assertThat(schemas.at("/JobDetailsDataQualityResult/properties").propertyNames())
                .containsExactly("fields", "values", "created_object_attribution", "flag_counts", "total_duration");
        assertThat(schemas.at("/JobDetailsRdbmsResult/properties/mapping/items/$ref")
                        .stringValue())
                .isEqualTo("#/components/schemas/JobDetailsRdbmsResultMapping");
        assertThat(schemas.at("/JobDetailsRdbmsResultMapping/properties").propertyNames())
                .containsExactly("id", "key");
        assertThat(document).doesNotContain("\"unknown\"").doesNotContain("createdTerms");
        Matcher refs = Pattern.compile("#/components/schemas/(\\w+)").matcher(document);
        while (refs.find())
            assertThat(schemas.has(refs.group(1))).as(refs.group(1)).isTrue();
    }
}
