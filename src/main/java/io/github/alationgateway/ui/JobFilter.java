package io.github.alationgateway.ui;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.query.PageCursor;
import io.github.alationgateway.store.JobQuery;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.view.LabelRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The jobs page's filters, under the API's own parameter names, so that {@code /ui/jobs?status=failed} and
 * {@code /api/v1/jobs?status=failed} mean the same. Values are kept as typed, so that the form shows them back
 * and a mistake can be named instead of dropped.
 */
record JobFilter(
        String status,
        String kind,
        String instance,
        @BindParam("alation_job_id") String alationJobId,
        @BindParam("alation_job_name") String alationJobName,
        List<String> label,
        @BindParam("registered_after") String registeredAfter,
        @BindParam("registered_before") String registeredBefore,
        String cursor,
        @BindParam("page_size") String pageSize) {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    JobFilter {
        status = blankToNull(status);
        kind = blankToNull(kind);
        instance = blankToNull(instance);
        alationJobId = blankToNull(alationJobId);
        alationJobName = blankToNull(alationJobName);
        label = label == null
                ? List.of()
                : label.stream().filter(l -> l != null && !l.isBlank()).toList();
        registeredAfter = blankToNull(registeredAfter);
        registeredBefore = blankToNull(registeredBefore);
        cursor = blankToNull(cursor);
        pageSize = blankToNull(pageSize);
    }

    /** A query fetching one job more than a page, which tells whether a next page exists. */
    JobQuery query(Set<String> visibleInstances) {
        int size = pageSizeValue();
        return new JobQuery(
                status == null
                        ? null
                        : JobStatus.parse(status)
                                .orElseThrow(() -> invalid("Unknown status '" + status + "'; one of "
                                        + Arrays.stream(JobStatus.values())
                                                .map(JobStatus::wire)
                                                .toList())),
                kind == null ? null : JobKind.parse(kind).orElseThrow(() -> invalid("Unknown kind '" + kind + "'")),
                instance,
                alationJobIdValue(),
                alationJobName,
                labels(),
                instant("registered_after", registeredAfter),
                instant("registered_before", registeredBefore),
                cursor == null ? null : PageCursor.decode(cursor),
                size + 1,
                visibleInstances);
    }

    int pageSizeValue() {
        if (pageSize == null) return DEFAULT_PAGE_SIZE;
        try {
            int size = Integer.parseInt(pageSize);
            if (size >= 1 && size <= MAX_PAGE_SIZE) return size;
        } catch (NumberFormatException e) {
            // Named below, as every other mistake.
        }
        throw invalid("'page_size' must be between 1 and " + MAX_PAGE_SIZE);
    }

    public boolean any() {
        return status != null
                || kind != null
                || instance != null
                || alationJobId != null
                || alationJobName != null
                || !label.isEmpty()
                || registeredAfter != null
                || registeredBefore != null;
    }

    /** This filter's address with another cursor (null: the first page). */
    String href(String path, String otherCursor) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        add(uri, "status", status);
        add(uri, "kind", kind);
        add(uri, "instance", instance);
        add(uri, "alation_job_id", alationJobId);
        add(uri, "alation_job_name", alationJobName);
        label.forEach(l -> add(uri, "label", l));
        add(uri, "registered_after", registeredAfter);
        add(uri, "registered_before", registeredBefore);
        add(uri, "page_size", pageSize);
        add(uri, "cursor", otherCursor);
        return uri.encode().build().toUriString();
    }

    /**
     * The dashboard's event stream for what can change this page. On the first page that is any job of its
     * instance, kind and labels, since a new one may belong at the top; on an older page only its own rows, as
     * new jobs never land there. The rest of the filter (status, times, Alation job) is applied when the page
     * fetches its rows again after an event. Null when nothing shown can change.
     */
    String eventsHref(List<String> shownJobIds) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/ui/events");
        if (cursor == null) {
            uri.queryParam("types", "job.registered,job.running,job.ended");
            add(uri, "instance", instance);
            add(uri, "kind", kind);
            label.forEach(l -> add(uri, "label", l));
        } else {
            if (shownJobIds.isEmpty()) return null;
            uri.queryParam("types", "job.running,job.ended");
            shownJobIds.forEach(id -> add(uri, "job_id", id));
        }
        return uri.encode().build().toUriString();
    }

    /** Whether at least the first label input shows; an empty one invites a filter. */
    public List<String> labelInputs() {
        return label.isEmpty() ? List.of("") : label;
    }

    private static void add(UriComponentsBuilder uri, String name, String value) {
        if (value != null) uri.queryParam(name, value);
    }

    private Long alationJobIdValue() {
        if (alationJobId == null) return null;
        try {
            return Long.parseLong(alationJobId);
        } catch (NumberFormatException e) {
            throw invalid("'alation_job_id' is Alation's numeric job id, e.g. 813; a name goes in alation_job_name");
        }
    }

    private Map<String, String> labels() {
        if (label.size() > LabelRules.MAX_LABELS) {
            throw invalid("At most " + LabelRules.MAX_LABELS + " label filters are allowed");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String filter : label) {
            int colon = filter.indexOf(':');
            if (colon < 1) throw invalid("A label filter is key:value, e.g. pipeline:nightly; got '" + filter + "'");
            String key = filter.substring(0, colon).trim();
            String value = filter.substring(colon + 1).trim();
            LabelRules.checkKey(key, "label");
            LabelRules.checkValue(key, value, "label");
            labels.put(key, value);
        }
        return labels;
    }

    /** ISO-8601 with an offset as the API takes it; a time without one (a hand-edited address) is UTC. */
    private static Instant instant(String name, String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw invalid("'" + name + "' must be a time such as 2026-11-29T08:00:00Z");
            }
        }
    }

    private static ErrorResponseException invalid(String detail) {
        return io.github.alationgateway.system.Problems.badRequest(detail);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static List<String> statuses() {
        return new ArrayList<>(
                Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList());
    }
}
