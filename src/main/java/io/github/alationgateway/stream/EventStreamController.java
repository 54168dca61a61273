package io.github.alationgateway.stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Events", description = "Be told of jobs as they change, without a public address")
@RestController
class EventStreamController {

    private final EventStreams streams;

    EventStreamController(EventStreams streams) {
        this.streams = streams;
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
        String key = caller == null ? "" : caller.getName();
        streams.open(
                new StreamQuery(types, instance, kind, label, jobIds, after, lastEventId),
                key,
                StreamLease.UNTIL_CLOSED,
                request,
                response);
    }
}
