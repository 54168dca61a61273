package io.github.alationgateway.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of a pretend Alation: scripted jobs that answer {@code running} for a few status calls and then end,
 * and the access tokens it accepts. Nothing here is product code: it exists to show the gateway at work.
 */
@Component
@Profile({"demo", "demo-alation"})
class SimulatedAlation {

    /** Old jobs are forgotten, so that a demo left running for days stays small. */
    private static final int KEEP_JOBS = 10_000;

    private static final DateTimeFormatter ALATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

    private final DemoProperties settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(800);
    private final Map<Long, ScriptedJob> byId = new ConcurrentHashMap<>();
    private final Map<String, ScriptedJob> byName = new ConcurrentHashMap<>();
    private final Map<String, Instant> mintedTokens = new ConcurrentHashMap<>();

    SimulatedAlation(DemoProperties settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** A job as a status call sees it; {@code polls} counts the calls so far. */
    private record ScriptedJob(
            Long id, String name, Scenario scenario, JsonNode result, Instant startedAt, AtomicInteger polls) {}

    /** What the API would have answered when the job started: the handle a client registers at the gateway. */
    record Started(Scenario scenario, ObjectNode handle) {}

    /** Starts a job of the scenario; a custom field value job starts its second job too (ALATION.md §4). */
    Started start(Scenario scenario) {
        long id = ids.incrementAndGet();
        Instant now = clock.instant();
        long seed = id;
        if (Scenario.CUSTOM_FIELD_VALUES.equals(scenario.name())) {
            long second = ids.incrementAndGet();
            keep(new ScriptedJob(
                    second,
                    null,
                    Scenario.SECOND_CUSTOM_FIELD_VALUE_JOB,
                    parse(Scenario.SECOND_CUSTOM_FIELD_VALUE_JOB.result().apply(second)),
                    now,
                    new AtomicInteger()));
            seed = second;
        }
        JsonNode result = parse(scenario.result().apply(seed));
        ObjectNode handle = json.createObjectNode();
        switch (scenario.handle()) {
            case NAME:
                String name = "MetadataExtraction#" + id + "_" + NAME_TIME.format(now);
                keep(new ScriptedJob(null, name, scenario, result, now, new AtomicInteger()));
                handle.put("job_name", name);
                break;
            case ID_WITH_HREF:
                keep(new ScriptedJob(id, null, scenario, result, now, new AtomicInteger()));
                handle.put("job_id", id).put("href", "/api/v1/bulk_metadata/job/?id=" + id);
                break;
            default:
                keep(new ScriptedJob(id, null, scenario, result, now, new AtomicInteger()));
                handle.put("job_id", id);
        }
        return new Started(scenario, handle);
    }

    /** The job status document for a job, counting the call; empty for a job this Alation does not know. */
    Optional<ObjectNode> status(Long id, String name) {
        ScriptedJob job = id != null ? byId.get(id) : name != null ? byName.get(name) : null;
        if (job == null) return Optional.empty();
        ObjectNode answer = json.createObjectNode();
        if (job.polls().incrementAndGet() <= settings.runningPolls()) {
            answer.put("status", "running").put("msg", "Job is running").putNull("result");
            return Optional.of(answer);
        }
        Instant now = clock.instant();
        double seconds = Duration.between(job.startedAt(), now).toMillis() / 1000.0;
        answer.put("status", job.scenario().endStatus())
                .put("msg", "Job finished in " + seconds + " seconds at " + ALATION_TIME.format(now))
                .set("result", job.result());
        return Optional.of(answer);
    }

    boolean accepts(String token) {
        if (token == null || token.isBlank()) return false;
        if (token.equals(settings.alation().accessToken())) return true;
        Instant expiry = mintedTokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** A fresh access token for a valid refresh token and user id, as createAPIAccessToken/ mints one. */
    Optional<Minted> mintForRefreshToken(String refreshToken, Long userId) {
        var alation = settings.alation();
        if (!alation.refreshToken().equals(refreshToken) || userId == null || userId != alation.userId()) {
            return Optional.empty();
        }
        return Optional.of(mint());
    }

    /** A fresh access token for valid OAuth client credentials, as /oauth/v2/token mints one. */
    Optional<Minted> mintForClient(String clientId, String clientSecret) {
        var alation = settings.alation();
        if (!alation.clientId().equals(clientId) || !alation.clientSecret().equals(clientSecret)) {
            return Optional.empty();
        }
        return Optional.of(mint());
    }

    record Minted(String token, Instant expiresAt, Duration lifetime) {}

    private Minted mint() {
        Instant expiry = clock.instant().plus(settings.alation().tokenLifetime());
        String token = "demo-minted-" + UUID.randomUUID();
        mintedTokens.entrySet().removeIf(e -> !clock.instant().isBefore(e.getValue()));
        mintedTokens.put(token, expiry);
        return new Minted(token, expiry, settings.alation().tokenLifetime());
    }

    private void keep(ScriptedJob job) {
        if (job.id() != null) {
            byId.put(job.id(), job);
            byId.remove(job.id() - KEEP_JOBS);
        } else {
            byName.put(job.name(), job);
            if (byName.size() > KEEP_JOBS) byName.clear();
        }
    }

    private JsonNode parse(String text) {
        return json.readTree(text);
    }
}
