package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.details.JobDetailsMapper;
import io.github.alationgateway.details.JobKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class DetailsViewTest {

    final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    final JobDetailsMapper mapper = new JobDetailsMapper();

    @Test
    void createdObjectsReadAsACountAndATableOfIdsAndTitles() {
        DetailsView view = view(JobKind.DOCUMENT_POST, """
                {"created_term_count": 2, "created_terms": [{"title": "Revenue", "id": 42}, {"id": 43, "title": "Churn"}]}""");
        assertThat(view.typed()).isTrue();
        assertThat(view.counts()).containsExactly(new DetailsView.Count("Created term count", "2"));
        assertThat(view.tables()).hasSize(1);
        DetailsView.Table table = view.tables().get(0);
        assertThat(table.title()).isEqualTo("Created terms");
        assertThat(table.columns()).containsExactly("Id", "Title");
        assertThat(table.rows()).containsExactly(List.of("42", "Revenue"), List.of("43", "Churn"));
    }

    @Test
    void rdbmsItemsShowTheirResponseMappingAndErrors() {
        DetailsView view = view(JobKind.RDBMS_COLUMN_POST, """
                [{"response": "Upserted 1 column objects.", "mapping": [{"id": 7, "key": "9.s.t.c"}],
                  "errors": ["Column 9.s.t.d: no such table"]}]""");
        assertThat(view.notes()).containsExactly(new DetailsView.Note("Response", "Upserted 1 column objects."));
        assertThat(view.tables().get(0).rows()).containsExactly(List.of("7", "9.s.t.c"));
        assertThat(view.errors()).containsExactly("Column 9.s.t.d: no such table");
    }

    @Test
    void nestedCountsAndDeletedIdsReadInWords() {
        DetailsView quality = view(JobKind.DATA_QUALITY_POST, """
                {"fields": {"created": {"count": 1, "sample": []}}, "flag_counts": {"GOOD": 3}}""");
        assertThat(quality.counts())
                .contains(
                        new DetailsView.Count("Fields created count", "1"),
                        new DetailsView.Count("Flag counts GOOD", "3"));
        DetailsView deleted = view(JobKind.DOCUMENT_DELETE, """
                {"deleted_document_count": 2, "deleted_document_ids": [5, 6]}""");
        assertThat(deleted.notes()).containsExactly(new DetailsView.Note("Deleted document ids", "5, 6"));
    }

    @Test
    void aResultThatDoesNotFitIsShownAsSent() {
        DetailsView view = view(JobKind.DOCUMENT_POST, "\"Internal error: could not parse the upload\"");
        assertThat(view.typed()).isFalse();
        assertThat(view.notes())
                .containsExactly(new DetailsView.Note("Result", "Internal error: could not parse the upload"));
    }

    @Test
    void noResultYetIsEmpty() {
        assertThat(view(JobKind.DOCUMENT_POST, "null").empty()).isTrue();
    }

    private DetailsView view(JobKind kind, String result) {
        JsonNode raw = json.readTree(result);
        return DetailsView.of(mapper.map(kind, "successful", "done", raw.isNull() ? null : raw), json);
    }
}
