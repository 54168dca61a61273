package io.github.alationgateway.security;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One running gateway shared by the security tests: two Alation instances, a key per role and a writer limited
 * to {@code prod}. Polling is off (nothing here is about Alation's answers) and so is the rate limit, which has
 * its own test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.poll.enabled=false",
            "gateway.security.rate-limit.requests-per-second=0",
            "gateway.security.api-keys[0].name=test-admin",
            "gateway.security.api-keys[0].key=" + GatewayApi.TEST_ADMIN_KEY,
            "gateway.security.api-keys[0].role=admin",
            "gateway.security.api-keys[1].name=dashboard",
            "gateway.security.api-keys[1].key=" + SecuredGateway.READER_KEY,
            "gateway.security.api-keys[1].role=reader",
            "gateway.security.api-keys[2].name=nightly-pipeline",
            "gateway.security.api-keys[2].key=" + SecuredGateway.WRITER_KEY,
            "gateway.security.api-keys[2].role=writer",
            "gateway.security.api-keys[3].name=prod-pipeline",
            "gateway.security.api-keys[3].key-sha256=" + SecuredGateway.PROD_WRITER_KEY_SHA256,
            "gateway.security.api-keys[3].role=writer",
            "gateway.security.api-keys[3].instances=prod",
            "management.endpoints.web.exposure.include=health,info,env,configprops,metrics",
            "management.endpoint.health.probes.enabled=true",
        })
abstract class SecuredGateway {

    static final String READER_KEY = "reader-key-0123456789abcdef";
    static final String WRITER_KEY = "writer-key-0123456789abcdef";
    static final String PROD_WRITER_KEY = "prod-writer-key-0123456789abcdef";
    /** sha256("prod-writer-key-0123456789abcdef"): this key is configured by its hash only. */
    static final String PROD_WRITER_KEY_SHA256 = "6d6e0f2daf0ee8b5acab8b509a827a0ffd3d241997baebbc9d211bbeef0e198b";

    static final FakeAlation alation = FakeAlation.start();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    GatewayApi admin;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.prod.base-url", alation::baseUrl);
        registry.add("gateway.instances.prod.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.instances.test.base-url", alation::baseUrl);
        registry.add("gateway.instances.test.access-token", () -> FakeAlation.TOKEN);
    }

    @BeforeEach
    void adminClient() {
        admin = new GatewayApi(port);
    }

    GatewayApi as(String key) {
        return admin.withKey(key);
    }

    static long nextAlationId() {
        return ids.incrementAndGet();
    }

    /** Registers a fresh job on an instance as admin and returns the gateway's job. */
    JsonNode registerOn(String instance) {
        return admin.register(
                "{\"instance\": \"" + instance + "\", \"response\": {\"job_id\": " + nextAlationId() + "}}");
    }
}
