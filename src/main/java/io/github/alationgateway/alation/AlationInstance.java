package io.github.alationgateway.alation;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.ObjectMapper;

/**
 * Everything the gateway keeps for one configured Alation instance: its connection, its tokens, its limits, its
 * health and meters. One status call goes: limits, token, GET, (on 401: renew once and GET again), answer.
 */
final class AlationInstance {

    private final String name;
    private final String statusPrefix;
    private final AlationHttp http;
    private final TokenSource tokens;
    private final InstanceLimits limits;
    private final StatusAnswers answers;
    private final InstanceHealth health;
    private final PollMetrics metrics;
    private final Clock clock;

    AlationInstance(
            String name,
            AlationProperties.Instance settings,
            Duration requestTimeout,
            ObjectMapper json,
            Clock clock,
            PollMetrics metrics) {
        this.name = name;
        this.clock = clock;
        this.metrics = metrics;
        this.statusPrefix = AlationUris.statusPrefix(settings.baseUrl());
        this.http = new AlationHttp(settings.baseUrl(), requestTimeout);
        this.tokens = tokens(settings, requestTimeout, json, clock, http);
        this.limits = new InstanceLimits(clock, settings.maxConcurrentRequests(), settings.maxRequestsPerSecond());
        this.answers = new StatusAnswers(json, clock);
        this.health = new InstanceHealth(name, settings, limits, clock);
    }

    JobStatusAnswer fetchStatus(AlationJobRef job) {
        JobStatusAnswer answer = limits.enter();
        if (answer == null) {
            try {
                answer = call(job);
            } finally {
                limits.leave();
            }
        }
        PollOutcome outcome = PollOutcome.of(answer);
        if (answer instanceof JobStatusAnswer.Throttled throttled) {
            limits.pause(throttled.retryAfter());
        }
        health.record(answer, outcome);
        metrics.count(outcome);
        return answer;
    }

    InstanceHealth health() {
        return health;
    }

    String name() {
        return name;
    }

    private JobStatusAnswer call(AlationJobRef job) {
        try {
            URI uri = AlationUris.status(statusPrefix, job);
            String token = tokens.token();
            HttpResponse<byte[]> response = get(uri, token);
            if (response.statusCode() == 401) {
                String fresh = tokens.renewAfterRejection(token);
                if (fresh == null) {
                    return new JobStatusAnswer.CredentialsRejected("Alation rejected the access token (HTTP 401)");
                }
                response = get(uri, fresh);
                if (response.statusCode() == 401) {
                    return new JobStatusAnswer.CredentialsRejected(
                            "Alation rejected a freshly minted access token (HTTP 401)");
                }
            }
            if (response.statusCode() == 503) {
                // Maintenance: a 503 that says when to come back pauses the instance like a 429 does, so that a
                // backlog of due jobs does not knock on a server that said it is down. Reported as Unavailable.
                RetryAfter.of(response, clock).ifPresent(limits::pause);
            }
            return answers.read(response, job);
        } catch (AnswerException e) {
            return e.answer();
        }
    }

    private HttpResponse<byte[]> get(URI uri, String token) {
        HttpRequest request = http.request(uri).header("TOKEN", token).GET().build();
        long start = System.nanoTime();
        try {
            return http.send(request);
        } finally {
            metrics.roundTrip(System.nanoTime() - start);
        }
    }

    private static TokenSource tokens(
            AlationProperties.Instance settings, Duration timeout, ObjectMapper json, Clock clock, AlationHttp http) {
        TokenAnswers tokenAnswers = new TokenAnswers(json, clock);
        switch (settings.credentialKind()) {
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
                                http,
                                tokenAnswers,
                                clock,
                                settings.baseUrl(),
                                settings.clientId(),
                                settings.clientSecret()),
                        clock,
                        timeout);
            default:
                throw new IllegalStateException("no credentials for " + settings);
        }
    }
}
