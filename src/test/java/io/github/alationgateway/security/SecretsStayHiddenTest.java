package io.github.alationgateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alation credentials and API keys are used, but never shown: not in answers (the actuator's env and
 * configprops included, even to an admin), not in the log, not in errors. Its own context, so that the
 * captured output starts with the gateway's start.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.poll.interval=100ms",
            "gateway.poll.max-interval=200ms",
            "gateway.poll.idle-wait=20ms",
            "gateway.instances.prod.access-token=" + SecretsStayHiddenTest.ACCESS_TOKEN,
            "gateway.instances.lab.refresh-token=" + SecretsStayHiddenTest.REFRESH_TOKEN,
            "gateway.instances.lab.user-id=7",
            "gateway.instances.dev.client-id=gateway-client",
            "gateway.instances.dev.client-secret=" + SecretsStayHiddenTest.CLIENT_SECRET,
            "gateway.security.api-keys[0].name=test-admin",
            "gateway.security.api-keys[0].key=" + GatewayApi.TEST_ADMIN_KEY,
            "gateway.security.api-keys[0].role=admin",
            "gateway.security.api-keys[1].name=dashboard",
            "gateway.security.api-keys[1].key=" + SecretsStayHiddenTest.READER_KEY,
            "gateway.security.api-keys[1].role=reader",
            "gateway.security.api-keys[2].name=hashed-writer",
            "gateway.security.api-keys[2].key-sha256=" + SecretsStayHiddenTest.WRITER_KEY_SHA256,
            "gateway.security.api-keys[2].role=writer",
            "management.endpoints.web.exposure.include=health,env,configprops",
            "logging.level.io.github.alationgateway=DEBUG",
        })
class SecretsStayHiddenTest {

    static final String ACCESS_TOKEN = "alation-access-SECRET-9f1c0e";
    static final String REFRESH_TOKEN = "alation-refresh-SECRET-77aa31";
    static final String CLIENT_SECRET = "client-secret-SECRET-4e2d8b";
    static final String READER_KEY = "reader-SECRET-key-5b9d0c1e";
    static final String WRITER_KEY = "writer-SECRET-key-0a7f3e2d";
    /** sha256(WRITER_KEY): this key is configured by its hash only. */
    static final String WRITER_KEY_SHA256 = "9ed2abf43e5885e54e8d81c6f33619f510bb8466311b16ffaa0f0831f5f2b300";

    static final FakeAlation alation = FakeAlation.start();

    @LocalServerPort
    int port;

    @Autowired
    GatewaySecurityProperties properties;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        for (String instance : List.of("prod", "lab", "dev")) {
            registry.add("gateway.instances." + instance + ".base-url", alation::baseUrl);
        }
    }

    @Test
    void noSecretShowsInAnswersLogsOrSettings(CapturedOutput output) {
        GatewayApi admin = new GatewayApi(port);
        GatewayApi writer = admin.withKey(WRITER_KEY);
        List<String> answers = new ArrayList<>();
        long prodJob = 880_001;

        // GIVEN jobs that make the gateway use its Alation credentials
        for (String instance : List.of("prod", "lab", "dev")) {
            var registered = writer.post(
                    "/api/v1/jobs",
                    "{\"instance\": \"" + instance + "\", \"response\": {\"job_id\": " + prodJob++ + "}}");
            assertThat(registered.status()).isEqualTo(201);
            answers.add(registered.raw().body());
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> alation.wireMock()
                                .countRequestsMatching(getRequestedFor(urlPathEqualTo(FakeAlation.JOB_PATH))
                                        .withHeader("TOKEN", equalTo(ACCESS_TOKEN))
                                        .build())
                                .getCount()
                        > 0);

        // WHEN everything that could echo a secret is asked for, by admins and by strangers holding one
        for (String path : List.of(
                "/api/v1/jobs",
                "/api/v1/jobs/stats",
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/env/gateway.instances.prod.access-token",
                "/actuator/env/gateway.security.api-keys%5B1%5D.key",
                "/actuator/env/gateway.security.api-keys%5B2%5D.key-sha256",
                "/actuator/health")) {
            var answer = admin.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            answers.add(answer.raw().body() + answer.raw().headers().map());
        }
        for (String presented : List.of(ACCESS_TOKEN, CLIENT_SECRET, READER_KEY + "x", WRITER_KEY_SHA256)) {
            var refused = admin.withKey(presented).get("/api/v1/jobs");
            assertThat(refused.status()).isEqualTo(401);
            answers.add(refused.raw().body() + refused.raw().headers().map());
        }
        var denied = admin.withKey(READER_KEY).post("/api/v1/jobs", "{\"response\": {\"job_id\": 1}}");
        assertThat(denied.status()).isEqualTo(403);
        answers.add(denied.raw().body());
        answers.add(properties.toString());

        // THEN no secret appears anywhere
        List<String> secrets = List.of(
                ACCESS_TOKEN,
                REFRESH_TOKEN,
                CLIENT_SECRET,
                READER_KEY,
                WRITER_KEY,
                WRITER_KEY_SHA256,
                GatewayApi.TEST_ADMIN_KEY,
                HexFormat.of().formatHex(ApiKeys.sha256(READER_KEY)));
        for (String secret : secrets) {
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
            answers.forEach(answer -> assertThat(answer).as("an answer").doesNotContain(secret));
        }
        // The capture did see the gateway at work, and the actuator did list the settings, masked.
        assertThat(output.getAll()).contains("Registered Alation", "Started SecretsStayHiddenTest");
        assertThat(admin.get("/actuator/env/gateway.instances.prod.access-token")
                        .body()
                        .toString())
                .contains("******");
        // The names are shown: they are how an operator tells keys apart.
        assertThat(properties.toString()).contains("dashboard", "hashed-writer");
    }
}
