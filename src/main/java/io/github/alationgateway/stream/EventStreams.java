package io.github.alationgateway.stream;

import io.github.alationgateway.details.JobKind;
import io.github.alationgateway.events.EventLog;
import io.github.alationgateway.events.EventType;
import io.github.alationgateway.system.InstanceScope;
import io.github.alationgateway.system.Problems;
import io.github.alationgateway.view.LabelRules;
import io.github.alationgateway.view.VisibleJobs;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Opens event streams: checks what the client asks for, takes a place within the bounds, and hands the stream to
 * the feed. The API's stream and the dashboard's relay both open theirs here, so that they filter, resume, bound
 * and scope alike; they differ only in how the caller was authenticated and how long that holds.
 */
@Component
public class EventStreams {

    public static final int MAX_JOB_IDS = 500;
    /** The first line: how long a client waits before it reconnects (ms). */
    static final byte[] RETRY = "retry: 3000\n\n".getBytes(StandardCharsets.UTF_8);

    private final OpenStreams streams;
    private final StreamFeed feed;
    private final EventLog log;
    private final InstanceScope scope;
    private final VisibleJobs visibleJobs;
    private final StreamProperties settings;
    private final Clock clock;

    EventStreams(
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

    /**
     * Answers the request with a stream of what {@code query} asks for, as far as the current caller's instances
     * allow, counted against {@code key}'s bound; or throws the problem that refuses it (400, 404, 410, 429).
     */
    public void open(
            StreamQuery query, String key, StreamLease lease, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        StreamFilter filter = new StreamFilter(
                types(query.types()),
                blankToNull(query.instance()),
                query.kind() == null ? null : kind(query.kind()),
                LabelRules.filters(query.labels()),
                jobs(query.jobIds()),
                scope.visibleInstances());
        long start = query.lastEventId() != null
                ? resumePoint("Last-Event-ID", query.lastEventId())
                : query.after() != null ? resumePoint("after", query.after()) : -1;
        if (start >= 0) requireRetained(start);
        streams.admit(key);
        try {
            // Without a resume point the stream starts at the feed's position: everything committed after this
            // moment has a higher seq, since the feed never reads past a seq that could still commit.
            start(request, response, filter, key, lease, start >= 0 ? start : feed.position());
        } catch (IOException | RuntimeException e) {
            streams.release(key);
            throw e;
        }
    }

    private void start(
            HttpServletRequest request,
            HttpServletResponse response,
            StreamFilter filter,
            String key,
            StreamLease lease,
            long start)
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
                new EventStream.Terms(filter, key, lease),
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
