package io.github.alationgateway.alation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Everything the gateway keeps for one configured Alation instance: its connection, its tokens, its limits, its
 * circuit, health and meters. One status call goes: circuit, limits, token, GET, (on 401: renew once and GET
 * again), answer.
 */
final class AlationInstance {

    private static final Logger log = LoggerFactory.getLogger(AlationInstance.class);

    private final String name;
    private final String statusPrefix;
    private final AlationHttp http;
    private final TokenSource tokens;
    private final InstanceLimits limits;
    private final StatusAnswers answers;
    private final DataDictionaryTasks tasks;
    private final InstanceCircuit circuit;
    private final InstanceHealth health;
    private final PollMetrics metrics;
    private final Clock clock;

    AlationInstance(
            String name,
            AlationProperties.Instance settings,
            AlationProperties.Poll poll,
            ObjectMapper json,
            Clock clock,
            PollMetrics metrics) {
        this.name = name;
        this.clock = clock;
        this.metrics = metrics;
        this.statusPrefix = AlationUris.statusPrefix(settings.baseUrl());
        Duration requestTimeout = poll.requestTimeout();
        this.http = new AlationHttp(requestTimeout, poll.maxAnswerSize(), settings.maxConcurrentRequests());
        this.tokens = tokens(settings, requestTimeout, json, clock, http);
        this.limits = new InstanceLimits(clock, settings.maxConcurrentRequests(), settings.maxRequestsPerSecond());
        this.answers = new StatusAnswers(json, clock);
        this.tasks = new DataDictionaryTasks(settings.baseUrl(), json, answers);
        this.circuit = new InstanceCircuit(
                name, clock, poll.interval(), () -> ThreadLocalRandom.current().nextDouble());
        this.health = new InstanceHealth(name, settings, limits, circuit, clock);
        metrics.watch(circuit);
    }

    JobStatusAnswer fetchStatus(AlationJobRef job) {
        // The circuit before the limits: a job held back by an open circuit takes no slot and no rate token.
        long openedBefore = circuit.timesOpened();
        JobStatusAnswer answer = circuit.enter();
        PollOutcome outcome;
        if (answer == null) {
            answer = limits.enter();
            if (answer == null) {
                // The circuit may have opened while this call waited for a slot or a rate token: then it is held
                // back with the rest instead of adding one more call to an instance that is down.
                JobStatusAnswer.Deferred heldBack = circuit.openedSince(openedBefore);
                try {
                    answer = heldBack != null ? heldBack : call(job);
                } finally {
                    limits.leave();
                }
            }
            outcome = PollOutcome.of(answer);
            circuit.record(outcome, PollOutcome.reason(answer));
        } else {
            outcome = PollOutcome.DEFERRED;
        }
        if (answer instanceof JobStatusAnswer.Throttled throttled) {
            pause(throttled.retryAfter(), 429);
        }
        health.record(answer, outcome);
        metrics.count(outcome);
        return answer;
    }

    InstanceHealth health() {
        return health;
    }

    private JobStatusAnswer call(AlationJobRef job) {
        try {
            long deadline = http.deadline();
            // A data dictionary task is asked through its own API, under the same limits, tokens and deadline.
            if (job.isTask()) return tasks.fetch(job, uri -> authorizedGet(uri, deadline));
            return answers.read(authorizedGet(AlationUris.status(statusPrefix, job), deadline), job);
        } catch (AnswerException e) {
            return e.answer();
        } catch (RuntimeException e) {
            // A bug of ours, not a fault of Alation's; the poller's contract is that this method does not throw.
            log.warn("Unexpected failure calling Alation instance '{}' about {}", name, job, e);
            return new JobStatusAnswer.Unavailable(
                    "unexpected error in the gateway (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A GET with the instance's token, renewed once after a 401; throws an {@link AnswerException} otherwise. */
    private AlationAnswer authorizedGet(URI uri, long deadline) {
        String token = tokens.token(deadline);
        AlationAnswer response = get(uri, token, deadline);
        if (response.statusCode() == 401) {
            String fresh = tokens.renewAfterRejection(token, deadline);
            if (fresh == null) {
                throw AnswerException.rejected("Alation rejected the access token (HTTP 401)");
            }
            response = get(uri, fresh, deadline);
            if (response.statusCode() == 401) {
                throw AnswerException.rejected("Alation rejected a freshly minted access token (HTTP 401)");
            }
        }
        if (response.statusCode() == 503) {
            // Maintenance: a 503 that says when to come back pauses the instance like a 429 does, so that a
            // backlog of due jobs does not knock on a server that said it is down. Reported as Unavailable.
            RetryAfter.of(response, clock).ifPresent(wait -> pause(wait, 503));
        }
        return response;
    }

    private void pause(Duration wait, int code) {
        if (limits.pause(wait, code)) {
            log.info(
                    "Alation instance '{}' answered HTTP {} and asked to wait; its calls are held back for {}",
                    name,
                    code,
                    Durations.text(wait));
        }
    }

    private AlationAnswer get(URI uri, String token, long deadline) {
        long start = System.nanoTime();
        try {
            return http.get(uri, token, deadline);
        } finally {
            metrics.roundTrip(System.nanoTime() - start);
        }
    }

    private static TokenSource tokens(
            AlationProperties.Instance settings, Duration timeout, ObjectMapper json, Clock clock, AlationHttp http) {
        TokenAnswers tokenAnswers = new TokenAnswers(json, clock);
        switch (settings.credentialKind()) {
            case NONE:
                return TokenSource.missing();
            case ACCESS_TOKEN:
                return TokenSource.fixed(settings.accessToken());
            case REFRESH_TOKEN:
                return new MintedTokenSource(
                        new RefreshTokenMinter(
                                http,
                                tokenAnswers,
                                json,
                                settings.baseUrl(),
                                settings.refreshToken(),
                                settings.userId()),
                        clock,
                        timeout);
            case CLIENT_CREDENTIALS:
                return new MintedTokenSource(
                        new ClientCredentialsMinter(
                                http, tokenAnswers, settings.baseUrl(), settings.clientId(), settings.clientSecret()),
                        clock,
                        timeout);
            default:
                throw new IllegalStateException("no credentials for " + settings);
        }
    }
}
