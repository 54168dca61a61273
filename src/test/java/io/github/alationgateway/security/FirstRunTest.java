package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.support.GatewayApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A gateway started with only the built-in defaults: no key configured, so it makes one and says so once.
 * This run also tightens the rate limit and allows one dashboard origin, to see both at work.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Only the jar's defaults: not the test profile, which configures a key.
            "spring.profiles.active=first-run",
            "spring.datasource.url=jdbc:h2:mem:first-run;DB_CLOSE_DELAY=-1",
            "gateway.poll.enabled=false",
            "gateway.security.rate-limit.requests-per-second=1",
            "gateway.security.rate-limit.burst=3",
            "gateway.security.cors.allowed-origins=https://dashboard.example.com",
        })
class FirstRunTest {

    private static final Pattern GENERATED =
            Pattern.compile("Generated API key for this run \\(admin, no keys configured\\): ([A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Test
    void aGeneratedKeyIsPrintedOnceAndOpensTheApiUpToTheRateLimit(CapturedOutput output) {
        Matcher printed = GENERATED.matcher(output.getAll());
        assertThat(printed.find()).as("the log says which key was generated").isTrue();
        String key = printed.group(1);
        assertThat(printed.find()).as("printed once").isFalse();
        assertThat(output.getAll()).doesNotContain(GatewayApi.TEST_ADMIN_KEY);

        GatewayApi anonymous = new GatewayApi("http://localhost:" + port, null);
        GatewayApi admin = anonymous.withKey(key);
        assertThat(anonymous.get("/api/v1/jobs").status()).isEqualTo(401);
        assertThat(admin.withKey(key + "x").get("/api/v1/jobs").status()).isEqualTo(401);

        // Burst 3 at 1 per second: the fourth request in quick succession is refused, whatever the timing.
        List<GatewayApi.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 10 && answers.stream().noneMatch(a -> a.status() == 429); i++) {
            answers.add(admin.get("/api/v1/jobs/stats"));
        }
        assertThat(answers.subList(0, 3))
                .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        GatewayApi.Answer limited = answers.get(answers.size() - 1);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
        assertThat(limited.body().path("detail").asString()).contains("generated-admin");
        assertThat(limited.body().path("detail").asString()).doesNotContain(key);
        // Probes carry no key and are not counted against anyone.
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void onlyTheConfiguredOriginMayCallFromABrowser() throws Exception {
        HttpResponse<String> allowed = preflight("https://dashboard.example.com");
        HttpResponse<String> other = preflight("https://evil.example.net");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://dashboard.example.com");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/jobs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
