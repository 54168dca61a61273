package io.github.alationgateway.demo;

import java.util.List;
import java.util.function.LongFunction;

/**
 * One scripted kind of Alation job: the call that starts it, the handle Alation answers, and how it ends. The
 * results follow what Alation sends for that call (ALATION.md §3); {@code result} gets a number that varies
 * from job to job, so that the demo's jobs do not all look alike.
 */
record Scenario(
        String name, String method, String endpoint, Handle handle, String endStatus, LongFunction<String> result) {

    /** The shapes of job handle the demo uses (ALATION.md §1). */
    enum Handle {
        ID_WITH_HREF,
        ID,
        NAME
    }

    /** Started after the custom field value job and named in its result; see {@link SimulatedAlation}. */
    static final Scenario SECOND_CUSTOM_FIELD_VALUE_JOB = new Scenario(
            "custom-field-values-second-job",
            "PUT",
            "/integration/v2/custom_field_value/async/",
            Handle.ID,
            "successful",
            n -> "[\"Updated %d custom field values on %d objects\"]".formatted(n % 40 + 10, n % 9 + 2));

    /** The custom field value job, whose result names the second job (ALATION.md §4). */
    static final String CUSTOM_FIELD_VALUES = "custom-field-values";

    static final List<Scenario> ALL = List.of(
            new Scenario("document-post", "POST", "/integration/v2/document/", Handle.ID_WITH_HREF, "successful", n ->
                    """
                            {"created_term_count": 2, "created_terms": [
                              {"id": %d, "title": "Quarterly revenue"}, {"id": %d, "title": "Churn rate"}]}""".formatted(1300 + 2 * n, 1301 + 2 * n)),
            new Scenario("table-post", "POST", "/integration/v2/table/?ds_id=9", Handle.ID_WITH_HREF, "successful", n ->
                    """
                            [{"response": "Upserted 2 table objects.", "mapping": [
                              {"id": %d, "key": "9.sales.returns"}, {"id": %d, "key": "9.sales.commissions"}],
                              "errors": []}]""".formatted(1040 + 2 * n, 1041 + 2 * n)),
            new Scenario(
                    "virtual-datasource-post",
                    "POST",
                    "/api/v1/bulk_metadata/extraction/7",
                    Handle.NAME,
                    "successful",
                    // Alation sends this result as a JSON document inside a string.
                    n -> "\"{\\\"number_received\\\": %d, \\\"updated_objects\\\": %d, \\\"error_objects\\\":"
                                    .formatted(n % 5 + 5, n % 5 + 4)
                            + " [\\\"Failed to import the uploaded file at line 4. Data may be malformed.\\\"],"
                            + " \\\"error\\\": \\\"1 errors were ignored\\\"}\""),
            new Scenario("data-quality-post", "POST", "/integration/v1/data_quality/", Handle.ID, "successful", n ->
                    """
                            {"fields": {"created": {"count": 1, "sample": [{"field_key": "freshness-%d"}]},
                               "updated": {"count": 0, "sample": []}},
                             "values": {"created": {"count": 2, "sample": [
                                 {"field_key": "freshness-%d", "object_key": "9.sales.returns"}]},
                               "updated": {"count": 0, "sample": []}},
                             "created_object_attribution": {"success_count": 2, "failure_count": 0,
                               "success_sample": [], "failure_sample": []},
                             "flag_counts": {"GOOD": 1, "WARNING": 1, "ALERT": 0},
                             "total_duration": 0.07}""".formatted(n, n)),
            new Scenario(
                    "column-post-failing",
                    "POST",
                    "/integration/v2/column/?ds_id=9",
                    Handle.ID_WITH_HREF,
                    "failed",
                    n -> """
                            [{"response": "Upserted 0 column objects.", "mapping": [],
                              "errors": ["Column '9.sales.orders_%d.amount' belongs to a table that does not exist"]}]""".formatted(n)),
            new Scenario(
                    CUSTOM_FIELD_VALUES,
                    "PUT",
                    "/integration/v2/custom_field_value/async/",
                    Handle.ID,
                    "successful",
                    // The number is the second job's id, filled in by SimulatedAlation.
                    second -> "[\"Updating custom field values in the background. The job (can be tracked using"
                            + " jobs API): " + second + "\"]"));
}
