package io.github.alationgateway.ui;

import io.github.alationgateway.support.FakeAlation;
import io.github.alationgateway.support.GatewayApi;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running gateway shared by the dashboard's tests (the browser's and MockMvc's): two Alation instances, a key
 * per role, and a reader limited to {@code test}. A job is polled once at registration and then only a minute
 * later, so that a poll the tests see within seconds was asked for.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gateway.poll.interval=60s",
            "gateway.poll.max-interval=60s",
            "gateway.poll.idle-wait=20ms",
            "gateway.dashboard.refresh-every=1s",
            "gateway.security.api-keys[0].name=test-admin",
            "gateway.security.api-keys[0].key=" + GatewayApi.TEST_ADMIN_KEY,
            "gateway.security.api-keys[0].role=admin",
            "gateway.security.api-keys[1].name=ops-reader",
            "gateway.security.api-keys[1].key=" + DashboardGateway.READER_KEY,
            "gateway.security.api-keys[1].role=reader",
            "gateway.security.api-keys[2].name=nightly-pipeline",
            "gateway.security.api-keys[2].key=" + DashboardGateway.WRITER_KEY,
            "gateway.security.api-keys[2].role=writer",
            "gateway.security.api-keys[3].name=test-team",
            "gateway.security.api-keys[3].key=" + DashboardGateway.TEST_ONLY_KEY,
            "gateway.security.api-keys[3].role=reader",
            "gateway.security.api-keys[3].instances=test",
        })
@AutoConfigureMockMvc
abstract class DashboardGateway {

    static final String READER_KEY = "reader-key-0123456789abcdef";
    static final String WRITER_KEY = "writer-key-0123456789abcdef";
    static final String TEST_ONLY_KEY = "test-only-key-0123456789abcdef";

    static final FakeAlation alation = FakeAlation.start();
    private static final AtomicLong ids = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("gateway.instances.prod.base-url", alation::baseUrl);
        registry.add("gateway.instances.prod.access-token", () -> FakeAlation.TOKEN);
        registry.add("gateway.instances.test.base-url", alation::baseUrl);
        registry.add("gateway.instances.test.access-token", () -> FakeAlation.TOKEN);
    }

    GatewayApi api(String key) {
        return new GatewayApi("http://localhost:" + port, key);
    }

    static long nextAlationId() {
        return ids.incrementAndGet();
    }
}
