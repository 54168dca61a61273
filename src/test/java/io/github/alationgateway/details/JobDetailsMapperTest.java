package io.github.alationgateway.details;

import static io.github.alationgateway.details.DetailsJson.assertKeeps;
import static io.github.alationgateway.details.DetailsJson.fixture;
import static io.github.alationgateway.details.DetailsJson.serialized;
import static io.github.alationgateway.details.DetailsJson.write;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One realistic fixture per Allie-SDK data class, asserted field by field as a client will read it. */
class JobDetailsMapperTest {

    private final JobDetailsMapper mapper = new JobDetailsMapper();

    private JsonNode mapFixture(JobKind kind, String name) {
        JsonNode job = fixture(name);
        JobDetails details =
                mapper.map(kind, job.get("status").stringValue(), job.get("msg").stringValue(), job.get("result"));
        JsonNode out = serialized(details);
        assertThat(out.get("type").stringValue()).isEqualTo(kind.dataClass());
        assertThat(out.get("status").stringValue()).isEqualTo(job.get("status").stringValue());
        assertThat(out.get("msg").stringValue()).isEqualTo(job.get("msg").stringValue());
        assertKeeps(job.get("result"), out.get("result"));
        return out;
    }

    @Test
    void typeComesFirstAndKeysAreSnakeCase() {
        // GIVEN / WHEN
        String json = write(mapper.map(
                JobKind.DOCUMENT_POST,
                "successful",
                "done",
                fixture("document-post.json").get("result")));

        // THEN
        assertThat(json).startsWith("{\"type\":\"JobDetailsDocumentPost\",\"status\":\"successful\",\"msg\":\"done\"");
        assertThat(json)
                .contains("\"created_term_count\":2")
                .doesNotContain("createdTerm")
                .doesNotContain("unknown");
    }

    @Test
    void documentPost() {
        JsonNode out = mapFixture(JobKind.DOCUMENT_POST, "document-post.json");

        assertThat(out.get("typed").booleanValue()).isTrue();
        assertThat(out.at("/result/created_term_count").longValue()).isEqualTo(2);
        assertThat(out.at("/result/created_terms").size()).isEqualTo(2);
        assertThat(out.at("/result/created_terms/0/id").longValue()).isEqualTo(1325);
        assertThat(out.at("/result/created_terms/0/title").stringValue()).isEqualTo("Quarterly revenue");
        assertThat(out.at("/result/created_terms/1/id").longValue()).isEqualTo(1326);
        assertThat(out.at("/result/created_terms/1/title").stringValue()).isEqualTo("Churn rate");
    }
}
