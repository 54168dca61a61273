package io.github.alationgateway.ui;

import io.github.alationgateway.stream.EventStreams;
import io.github.alationgateway.stream.StreamLease;
import io.github.alationgateway.stream.StreamQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The event stream for the dashboard's pages: {@code GET /api/v1/events} with the same filters, bounds and scope,
 * authenticated by the dashboard's session instead of a bearer key (which the API alone reads). The stream holds
 * while the session does: a sign-out ends it at the feed's next tick, and it ends every few minutes anyway so that
 * EventSource reconnects with the cookie, as the self-refresh it replaces did, which keeps the session alive and
 * checks it again. Nothing is lost: the reconnect resumes with Last-Event-ID.
 */
@Controller
class LiveEvents {

    /** How long one relay stream lasts before the browser must come back with its session. */
    static final Duration RENEW_EVERY = Duration.ofMinutes(5);

    private final EventStreams streams;
    private final DashboardProperties settings;
    private final Clock clock;

    LiveEvents(EventStreams streams, DashboardProperties settings, Clock clock) {
        this.streams = streams;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/ui/events")
    void events(
            @RequestParam(required = false) String types,
            @RequestParam(required = false) String instance,
            @RequestParam(required = false) String kind,
            @RequestParam(name = "label", required = false) List<String> label,
            @RequestParam(name = "job_id", required = false) List<String> jobIds,
            @RequestParam(required = false) String after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            Principal caller,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        // The dashboard's chain lets no request here without a signed-in session.
        HttpSession session = request.getSession(false);
        Instant renewAt = clock.instant().plus(renewal(settings.sessionTimeout()));
        StreamLease lease = now -> now.isBefore(renewAt) && valid(session);
        streams.open(
                new StreamQuery(types, instance, kind, label, jobIds, after, lastEventId),
                caller.getName(),
                lease,
                request,
                response);
    }

    /** Well within the idle timeout, so that a page showing a stream keeps its session as a refreshing one did. */
    static Duration renewal(Duration sessionTimeout) {
        Duration half = sessionTimeout.dividedBy(2);
        return half.compareTo(RENEW_EVERY) < 0 ? half : RENEW_EVERY;
    }

    /** A session signed out (invalidated) or expired answers no more questions. */
    private static boolean valid(HttpSession session) {
        if (session == null) return false;
        try {
            session.getCreationTime();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
