package io.github.alationgateway.alation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.ObjectMapper;

/** Test builder: one instance named "prod" and a client over it, built without Spring. */
final class Instances {

    static final String NAME = "prod";

    private String baseUrl;
    private String accessToken;
    private String refreshToken;
    private Long userId;
    private String clientId;
    private String clientSecret;
    private int maxConcurrent = 8;
    private double perSecond = 0;
    // Generous: the first call of a cold test JVM on a busy machine can take seconds. Timeout tests set their own.
    private Duration timeout = Duration.ofSeconds(5);
    private Duration interval = Duration.ofSeconds(3);
    private DataSize maxAnswerSize = DataSize.ofMegabytes(16);

    private Instances(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static Instances anInstance(String baseUrl) {
        return new Instances(baseUrl);
    }

    Instances accessToken(String token) {
        this.accessToken = token;
        return this;
    }

    Instances refreshToken(String token, long user) {
        this.refreshToken = token;
        this.userId = user;
        return this;
    }

    Instances clientCredentials(String id, String secret) {
        this.clientId = id;
        this.clientSecret = secret;
        return this;
    }

    Instances maxConcurrent(int max) {
        this.maxConcurrent = max;
        return this;
    }

    Instances perSecond(double rate) {
        this.perSecond = rate;
        return this;
    }

    Instances timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The poll interval, which paces the probes of an open circuit. */
    Instances interval(Duration interval) {
        this.interval = interval;
        return this;
    }

    Instances maxAnswerSize(DataSize size) {
        this.maxAnswerSize = size;
        return this;
    }

    AlationProperties.Instance settings() {
        return new AlationProperties.Instance(
                URI.create(baseUrl),
                accessToken,
                refreshToken,
                userId,
                clientId,
                clientSecret,
                maxConcurrent,
                perSecond);
    }

    AlationProperties properties() {
        return new AlationProperties(
                Map.of(NAME, settings()), new AlationProperties.Poll(timeout, interval, maxAnswerSize));
    }

    RestAlationClient client(Clock clock) {
        return client(clock, new SimpleMeterRegistry());
    }

    RestAlationClient client(Clock clock, MeterRegistry registry) {
        return new RestAlationClient(properties(), new ObjectMapper(), clock, registry);
    }
}
