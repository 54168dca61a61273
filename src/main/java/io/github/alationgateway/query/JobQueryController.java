package io.github.alationgateway.query;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.store.EndedJobs;
import io.github.alationgateway.store.Job;
import io.github.alationgateway.store.JobLogEntry;
import io.github.alationgateway.store.JobQuery;
import io.github.alationgateway.store.JobStatistics;
import io.github.alationgateway.store.JobStats;
import io.github.alationgateway.store.JobStatus;
import io.github.alationgateway.store.JobStore;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.JobView;
import io.github.alationgateway.view.JobViews;
import io.github.alationgateway.view.LabelRules;
import io.github.alationgateway.view.VisibleJobs;
import io.github.alationgateway.waiting.JobWaits;
import io.github.alationgateway.waiting.WaitFor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

@Tag(name = "Jobs", description = "Register Alation jobs and read what the gateway knows of them")
@RestController
@RequestMapping(path = "/api/v1/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobQueryController {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    private final JobStore store;
    private final JobViews views;
    private final InstanceScope scope;
    private final VisibleJobs visibleJobs;
    private final JobWaits waits;
    private final JobStatistics statistics;

    JobQueryController(
            JobStore store,
            JobViews views,
            InstanceScope scope,
            VisibleJobs visibleJobs,
            JobWaits waits,
            JobStatistics statistics) {
        this.statistics = statistics;
        this.store = store;
        this.views = views;
        this.scope = scope;
        this.visibleJobs = visibleJobs;
        this.waits = waits;
    }

    record Page(List<JobView> items, String nextCursor) {}

    record Logs(List<JobLogEntry> items) {}

    /** The counts, and the jobs that ended in each hour of the window, the current hour last. */
    record Stats(
            Map<String, Long> byStatus,
            Map<String, Long> byKind,
            Map<String, Long> byInstance,
            List<EndedJobs.EndedHour> endedPerHour) {}

    @Operation(summary = "One job", description = "Its status, Alation's message, typed details and follow-up jobs")
    @ApiResponse(responseCode = "200", description = "The job")
    @ApiResponse(
            responseCode = "404",
            description = "No such job, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{id}")
    JobView job(
            @Parameter(description = "The gateway's job id (not Alation's)") @PathVariable String id,
            @Parameter(description = "Only with wait") @RequestParam(name = "for", required = false) String until) {
        if (until != null) throw Problems.badField("for", "'for' goes with 'wait', e.g. ?wait=30s&for=chain");
        return views.view(visibleJobs.find(id));
    }

    @Operation(
            summary = "One job, once it has ended",
            description = "Answers as soon as the job has ended (with for=chain: once its chain_status is final),"
                    + " and at the end of the wait anyway; both 200 with the job, so read status or chain_status."
                    + " A job already ended answers at once.")
    @ApiResponse(responseCode = "200", description = "The job as it stands")
    @ApiResponse(
            responseCode = "400",
            description = "wait is not a duration, or longer than gateway.events.max-wait; or for is not job or chain",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "404",
            description = "No such job, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping(path = "/{id}", params = "wait")
    DeferredResult<JobView> waitForJob(
            @Parameter(description = "The gateway's job id (not Alation's)") @PathVariable String id,
            @Parameter(description = "How long to wait at most, e.g. 30s; at most gateway.events.max-wait (120s)")
                    @RequestParam
                    String wait,
            @Parameter(description = "job (default): until the job has ended; chain: until its follow-ups have too")
                    @RequestParam(name = "for", required = false)
                    String until) {
        Duration timeout = waits.parseWait("wait", wait);
        WaitFor target = WaitFor.parse("for", until);
        String visible = visibleJobs.find(id).id();
        return waits.awaitOne(visible, target, timeout);
    }

    @Operation(
            summary = "A job's log",
            description = "What happened to the job, oldest first; repeated failures are counted on one line")
    @ApiResponse(responseCode = "200", description = "The log")
    @ApiResponse(
            responseCode = "404",
            description = "No such job, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/{id}/logs")
    Logs logs(@Parameter(description = "The gateway's job id") @PathVariable String id) {
        return new Logs(store.logs(visibleJobs.find(id).id()));
    }

    @Operation(
            summary = "Find jobs",
            description = "Newest first, a page at a time; every filter is optional and they combine with AND. Pass"
                    + " next_cursor back as cursor for the next page; it is null on the last page.")
    @ApiResponse(responseCode = "200", description = "A page of jobs")
    @ApiResponse(
            responseCode = "400",
            description = "A filter, page_size or cursor is not valid; 'field' names it",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping
    Page list(
            @Parameter(description = "pending, running, successful, partially_successful, failed or expired")
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "The kind of the job, e.g. DOCUMENT_POST; see GET /api/v1/kinds")
                    @RequestParam(required = false)
                    String kind,
            @Parameter(description = "The Alation instance, as configured") @RequestParam(required = false)
                    String instance,
            @Parameter(description = "Alation's numeric job id")
                    @RequestParam(name = "alation_job_id", required = false)
                    Long alationJobId,
            @Parameter(
                            description = "Alation's job name, for jobs started by name; ending in * it is a prefix:"
                                    + " MetadataExtraction#* finds every metadata extraction")
                    @RequestParam(name = "alation_job_name", required = false)
                    String alationJobName,
            @Parameter(description = "The UUID of Alation's data dictionary upload task")
                    @RequestParam(name = "alation_task_id", required = false)
                    String alationTaskId,
            @Parameter(description = "key:value; repeat the parameter to require several labels")
                    @RequestParam(name = "label", required = false)
                    List<String> label,
            @Parameter(description = "ISO-8601 time with offset; registered at or after it")
                    @RequestParam(name = "registered_after", required = false)
                    String registeredAfter,
            @Parameter(description = "ISO-8601 time with offset; registered before it")
                    @RequestParam(name = "registered_before", required = false)
                    String registeredBefore,
            @Parameter(description = "Jobs per page, 1 to 500; 50 when left out")
                    @RequestParam(name = "page_size", required = false)
                    Integer pageSize,
            @Parameter(description = "next_cursor of the previous page, as given") @RequestParam(required = false)
                    String cursor) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.badField("page_size", "'page_size' must be between 1 and " + MAX_PAGE_SIZE);
        }
        var query = new JobQuery(
                status == null ? null : status(status),
                kind == null ? null : kind(kind),
                instance,
                alationJobId,
                alationJobName,
                LabelRules.filters(label),
                instant("registered_after", registeredAfter),
                instant("registered_before", registeredBefore),
                cursor == null ? null : PageCursor.decode(cursor),
                size + 1,
                scope.visibleInstances(),
                alationTaskId == null ? null : alationTaskId.strip().toLowerCase(Locale.ROOT));
        List<Job> jobs = store.list(query);
        String next = null;
        if (jobs.size() > size) {
            jobs = jobs.subList(0, size);
            Job last = jobs.get(size - 1);
            next = PageCursor.encode(new JobQuery.Position(last.registeredAt(), last.id()));
        }
        return new Page(views.views(jobs), next);
    }

    @Operation(
            summary = "Job counts",
            description = "Jobs by status, by kind and by instance, of the jobs the filters select (all when none"
                    + " is given), e.g. the last 24 hours of one pipeline: ?label=pipeline:nightly&registered_after=."
                    + " ended_per_hour counts the same jobs that ended in each hour of the last ended_window, by"
                    + " final status, the current hour last and hours without ends as zeros.")
    @ApiResponse(responseCode = "200", description = "The counts")
    @ApiResponse(
            responseCode = "400",
            description = "A filter that is not valid, or ended_window not whole hours up to 7d; 'field' names it",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/stats")
    Stats stats(
            @Parameter(description = "The kind of the job, e.g. DOCUMENT_POST") @RequestParam(required = false)
                    String kind,
            @Parameter(description = "The Alation instance, as configured") @RequestParam(required = false)
                    String instance,
            @Parameter(description = "key:value; repeat the parameter to require several labels")
                    @RequestParam(name = "label", required = false)
                    List<String> label,
            @Parameter(description = "ISO-8601 time with offset; registered at or after it")
                    @RequestParam(name = "registered_after", required = false)
                    String registeredAfter,
            @Parameter(description = "ISO-8601 time with offset; registered before it")
                    @RequestParam(name = "registered_before", required = false)
                    String registeredBefore,
            @Parameter(description = "Hours of ended_per_hour, e.g. 24h (the default), 72h or 7d; at most 7d")
                    @RequestParam(name = "ended_window", required = false)
                    String endedWindow) {
        int hours = EndedWindow.hours("ended_window", endedWindow);
        JobQuery filter = new JobQuery(
                null,
                kind == null ? null : kind(kind),
                instance,
                null,
                null,
                LabelRules.filters(label),
                instant("registered_after", registeredAfter),
                instant("registered_before", registeredBefore),
                null,
                0,
                scope.visibleInstances());
        JobStatistics.Report report = statistics.report(filter, hours);
        JobStats counts = report.counts();
        return new Stats(counts.byStatus(), counts.byKind(), counts.byInstance(), report.endedPerHour());
    }

    private static JobStatus status(String value) {
        return JobStatus.parse(value)
                .orElseThrow(() -> Problems.badField(
                        "status",
                        "Unknown status '" + Problems.quote(value) + "'; one of "
                                + Arrays.stream(JobStatus.values())
                                        .map(JobStatus::wire)
                                        .toList()));
    }

    private static JobKind kind(String value) {
        return JobKind.parse(value)
                .orElseThrow(() -> Problems.badField(
                        "kind",
                        "Unknown kind '" + Problems.quote(value) + "'; one of " + Arrays.toString(JobKind.values())));
    }

    private static Instant instant(String name, String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.badField(
                    name, "'" + name + "' must be an ISO-8601 time with offset, e.g. 2026-11-29T08:00:00Z");
        }
    }
}
