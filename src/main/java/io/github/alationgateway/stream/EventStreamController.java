package io.github.alationgateway.stream;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.events.EventType;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.LabelRules;
import io.github.alationgateway.view.VisibleJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Events", description = "Be told of jobs as they change, without a public address")
@RestController
class EventStreamController {

    static final int MAX_JOB_IDS = 500;
    /** The first line: how long a client waits before it reconnects (ms). */
    static final byte[] RETRY = "retry: 3000\n\n".getBytes(StandardCharsets.UTF_8);

    private final OpenStreams streams;
    private final StreamFeed feed;
    private final EventLog log;
    private final InstanceScope scope;
    private final VisibleJobs visibleJobs;
    private final StreamProperties settings;
    private final Clock clock;

    EventStreamController(
            OpenStreams streams,
            StreamFeed feed,
            EventLog log,
            InstanceScope scope,
            VisibleJobs visibleJobs,
            StreamProperties settings,
            Clock clock) {
        this.streams = streams;
        this.feed = feed;
        this.log = log;
        this.scope = scope;
        this.visibleJobs = visibleJobs;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(
            summary = "Stream job events (server-sent events)",
            description = "A text/event-stream: 'retry: 3000' first, then each event as 'id: <seq>', 'event: <type>'"
                    + " and 'data: <event JSON>' (as webhooks get it), and a ': ping' comment when quiet for 15 s."
                    + " Within one connection ids increase, with no gap and no duplicate. Resume with the"
                    + " Last-Event-ID header (EventSource sends it by itself) or ?after=<seq>: every matching event"
                    + " after it that is still retained comes first, then the stream goes on live. Filters combine"
                    + " with AND; an API key limited to some instances sees only their events.")
    @ApiResponse(
            responseCode = "200",
            description = "The stream; it stays open until the client or the gateway closes it",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "400",
            description = "A filter or resume point that is not valid; 'field' names it",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "404",
            description = "A job_id that does not exist, or one on an instance this API key may not see",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "410",
            description = "The resume point is older than the retention (gateway.events.retention): events are lost",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "429",
            description = "This replica (gateway.events.max-streams) or this API key"
                    + " (gateway.events.max-streams-per-key) has as many streams open as it may",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/events")
    void events(
            @Parameter(
                            description = "Event types, comma-separated: job.registered, job.running, job.ended,"
                                    + " job.chain_ended")
                    @RequestParam(required = false)
                    String types,
            @Parameter(description = "The Alation instance, as configured") @RequestParam(required = false)
                    String instance,
            @Parameter(description = "The kind of the job, e.g. DOCUMENT_POST") @RequestParam(required = false)
                    String kind,
            @Parameter(description = "key:value; repeat the parameter to require several labels")
                    @RequestParam(name = "label", required = false)
                    List<String> label,
            @Parameter(description = "The gateway's job id; repeat it for several jobs (at most 500)")
                    @RequestParam(name = "job_id", required = false)
                    List<String> jobIds,
            @Parameter(description = "Resume after this seq (the last id read); Last-Event-ID wins over it")
                    @RequestParam(required = false)
                    String after,
            @Parameter(description = "Sent by EventSource when it reconnects: the last id it read")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            Principal caller,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        StreamFilter filter = new StreamFilter(
                types(types),
                blankToNull(instance),
                kind == null ? null : kind(kind),
                LabelRules.filters(label),
                jobs(jobIds),
                scope.visibleInstances());
        long start = lastEventId != null
                ? resumePoint("Last-Event-ID", lastEventId)
                : after != null ? resumePoint("after", after) : -1;
        if (start >= 0) requireRetained(start);
        String key = caller == null ? "" : caller.getName();
        streams.admit(key);
        try {
            // Without a resume point the stream starts at the feed's position: everything committed after this
            // moment has a higher seq, since the feed never reads past a seq that could still commit.
            open(request, response, filter, key, start >= 0 ? start : feed.position());
        } catch (IOException | RuntimeException e) {
            streams.release(key);
            throw e;
        }
    }

    private void open(
            HttpServletRequest request, HttpServletResponse response, StreamFilter filter, String key, long start)
            throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        // nginx and others buffer answers unless told not to; a stream must pass at once.
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync(request, response);
        // Streams last until one side ends them; the feed's pings find clients that went away.
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        EventStream[] holder = new EventStream[1];
        EventStream stream = new EventStream(
                async,
                out,
                filter,
                key,
                start,
                settings.streamBuffer().toBytes(),
                clock.instant(),
                why -> streams.ended(holder[0], why));
        holder[0] = stream;
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                stream.closed();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                stream.closed();
            }

            @Override
            public void onError(AsyncEvent event) {
                stream.closed();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // not restarted
            }
        });
        stream.send(RETRY, clock.instant());
        out.setWriteListener(stream);
        streams.add(stream);
        feed.wake();
    }

    private static Set<EventType> types(String types) {
        Set<EventType> parsed = EnumSet.noneOf(EventType.class);
        if (types == null || types.isBlank()) return parsed;
        for (String type : types.split(",")) {
            parsed.add(EventType.parse(type.strip())
                    .orElseThrow(() -> Problems.badField(
                            "types",
                            "Unknown event type '" + Problems.quote(type.strip()) + "'; one of "
                                    + Arrays.stream(EventType.values())
                                            .map(EventType::wire)
                                            .toList())));
        }
        return parsed;
    }

    private static String kind(String value) {
        return JobKind.parse(value)
                .map(JobKind::name)
                .orElseThrow(() -> Problems.badField(
                        "kind",
                        "Unknown kind '" + Problems.quote(value) + "'; one of " + Arrays.toString(JobKind.values())));
    }

    /** Jobs the caller may see, each checked as GET /api/v1/jobs/{id} would. */
    private Set<String> jobs(List<String> ids) {
        if (ids == null || ids.isEmpty()) return Set.of();
        if (ids.size() > MAX_JOB_IDS) {
            throw Problems.badField("job_id", "At most " + MAX_JOB_IDS + " job_id filters; stream by label instead");
        }
        Set<String> visible = new LinkedHashSet<>();
        for (String id : ids) visible.add(visibleJobs.find(id).id());
        return visible;
    }

    private static long resumePoint(String field, String value) {
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) return seq;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problems.badField(
                field,
                "'" + field + "' is the id of an event as the stream sent it, got '" + Problems.quote(value) + "'");
    }

    /**
     * Events after the resume point may have been deleted: the oldest one kept is more than one past it, or none is
     * kept though the feed has read past it. A seq rolled back just after the resume point looks the same; the
     * client then starts afresh, which loses nothing it could have had.
     */
    private void requireRetained(long start) {
        OptionalLong oldest = log.oldestSeq();
        boolean lost = oldest.isPresent() ? oldest.getAsLong() > start + 1 : feed.position() > start;
        if (lost) {
            throw Problems.gone("Events after " + start + " are past the retention (gateway.events.retention) and"
                    + " deleted; read the jobs' state with GET /api/v1/jobs, then stream without a resume point");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
