package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.support.GatewayApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, as one table: every endpoint against every kind of caller. A new /api endpoint fails
 * {@link #everyApiMappingIsInTheTable} until a row says who may call it.
 */
class AuthorizationTableTest extends SecuredGateway {

    enum Who {
        NOBODY(null),
        WRONG_KEY("not-a-key-of-this-gateway"),
        READER(READER_KEY),
        WRITER(WRITER_KEY),
        ADMIN(GatewayApi.TEST_ADMIN_KEY);

        final String key;

        Who(String key) {
            this.key = key;
        }
    }

    /**
     * One endpoint: the mapping it exercises, and a concrete request to it ({id} is a real job). {@code body} is
     * sent as JSON, {id} replaced likewise; {@link #REGISTRATION} stands for a fresh registration.
     */
    record Call(String method, String pattern, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<Integer> OK = Set.of(200);
    private static final Set<Integer> REGISTERED = Set.of(200, 201);
    private static final Set<Integer> ACCEPTED = Set.of(202);
    private static final Set<Integer> NO_CONTENT = Set.of(204);
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> UNAUTHORIZED = Set.of(401);
    private static final Set<Integer> FORBIDDEN = Set.of(403);
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> NOT_ALLOWED = Set.of(405);
    /** Health answers 503 when a component is down; either way it is answered, not refused. */
    private static final Set<Integer> HEALTH = Set.of(200, 503);
    /** API docs (springdoc) are public: they describe the API and hold no data. */
    private static final Set<Integer> PUBLIC_DOCS = Set.of(200);

    private static final String REGISTRATION = "registration";

    private static final List<Call> API = List.of(
            new Call("GET", "/api/v1/jobs", "/api/v1/jobs", null),
            new Call("GET", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}", null),
            new Call("GET", "/api/v1/jobs/{id}/logs", "/api/v1/jobs/{id}/logs", null),
            new Call("GET", "/api/v1/jobs/stats", "/api/v1/jobs/stats", null),
            new Call("POST", "/api/v1/jobs", "/api/v1/jobs", REGISTRATION),
            new Call("POST", "/api/v1/jobs/{id}/poll", "/api/v1/jobs/{id}/poll", null),
            new Call("GET", "/api/v1/kinds", "/api/v1/kinds", null),
            // A read sent as a POST: readers may wait.
            new Call("POST", "/api/v1/jobs/wait", "/api/v1/jobs/wait", "{\"ids\": [\"{id}\"], \"timeout\": \"0s\"}"),
            new Call("GET", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}?wait=0s", null),
            // Webhooks: admins only. No endpoint is configured here, so a named one is not found.
            new Call("GET", "/api/v1/webhooks", "/api/v1/webhooks", null),
            new Call("GET", "/api/v1/webhooks/{name}/deliveries", "/api/v1/webhooks/none/deliveries", null),
            new Call(
                    "POST",
                    "/api/v1/webhooks/{name}/deliveries/{id}/retry",
                    "/api/v1/webhooks/none/deliveries/1/retry",
                    null),
            new Call("POST", "/api/v1/webhooks/{name}/enable", "/api/v1/webhooks/none/enable", null),
            // The event stream: a read. An unknown type answers at once rather than holding the stream open.
            new Call("GET", "/api/v1/events", "/api/v1/events?types=none", null),
            // Many registrations at once: writers. Each item answers for itself inside the 200.
            new Call(
                    "POST",
                    "/api/v1/jobs/batch",
                    "/api/v1/jobs/batch",
                    "{\"items\": [{\"instance\": \"test\", \"response\": {\"job_id\": 424242}}]}"),
            // Forgetting a job: writers.
            new Call("DELETE", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}", null));

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        // caller:               NOBODY        WRONG_KEY     READER        WRITER        ADMIN
        row(rows, API.get(0), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(1), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(2), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(3), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(4), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, REGISTERED, REGISTERED);
        row(rows, API.get(5), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, ACCEPTED, ACCEPTED);
        row(rows, API.get(6), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(7), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(8), UNAUTHORIZED, UNAUTHORIZED, OK, OK, OK);
        row(rows, API.get(9), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK);
        row(rows, API.get(10), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND);
        row(rows, API.get(11), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND);
        row(rows, API.get(12), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, NOT_FOUND);
        row(rows, API.get(13), UNAUTHORIZED, UNAUTHORIZED, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST);
        row(rows, API.get(14), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, OK, OK);
        row(rows, API.get(15), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, NO_CONTENT, NO_CONTENT);
        row(rows, get("/actuator/health"), HEALTH, UNAUTHORIZED, HEALTH, HEALTH, HEALTH);
        row(rows, get("/actuator/health/liveness"), OK, UNAUTHORIZED, OK, OK, OK);
        row(rows, get("/actuator/health/readiness"), HEALTH, UNAUTHORIZED, HEALTH, HEALTH, HEALTH);
        for (String admin :
                List.of("/actuator", "/actuator/info", "/actuator/env", "/actuator/configprops", "/actuator/metrics")) {
            row(rows, get(admin), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, OK);
        }
        row(rows, get("/v3/api-docs"), PUBLIC_DOCS, UNAUTHORIZED, PUBLIC_DOCS, PUBLIC_DOCS, PUBLIC_DOCS);
        row(rows, get("/swagger-ui/index.html"), PUBLIC_DOCS, UNAUTHORIZED, PUBLIC_DOCS, PUBLIC_DOCS, PUBLIC_DOCS);
        // Nothing else: unknown places and methods are 404/405 for a known key, 401 for anyone else.
        row(rows, get("/nowhere"), UNAUTHORIZED, UNAUTHORIZED, NOT_FOUND, NOT_FOUND, NOT_FOUND);
        row(rows, get("/api/v2/jobs"), UNAUTHORIZED, UNAUTHORIZED, NOT_FOUND, NOT_FOUND, NOT_FOUND);
        row(rows, call("PUT", "/api/v1/jobs/{id}"), UNAUTHORIZED, UNAUTHORIZED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED);
        row(rows, call("PUT", "/api/v1/jobs"), UNAUTHORIZED, UNAUTHORIZED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED);
        row(
                rows,
                call("POST", "/api/v1/jobs/stats"),
                UNAUTHORIZED,
                UNAUTHORIZED,
                NOT_ALLOWED,
                NOT_ALLOWED,
                NOT_ALLOWED);
        // A controller that no rule names is closed even to admins: Boot's error page, asked for directly.
        row(rows, get("/error"), UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("table")
    void callerGetsTheAnswerTheTableSays(Call call, Who who, Set<Integer> expected) {
        String job = registerOn("test").path("id").asString();
        String path = call.path().replace("{id}", job);
        String body = REGISTRATION.equals(call.body())
                ? "{\"instance\": \"test\", \"response\": {\"job_id\": " + nextAlationId() + "}}"
                : call.body() == null ? null : call.body().replace("{id}", job);

        var answer = as(who.key).send(call.method(), path, body == null ? null : "application/json", body);

        assertThat(answer.status())
                .as("%s as %s: %s", call, who, answer.raw().body())
                .isIn(expected);
        if (answer.status() >= 400 && answer.status() != 503 && !path.startsWith("/swagger-ui")) {
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body().path("status").asInt()).isEqualTo(answer.status());
            assertThat(answer.body().path("detail").asString()).isNotBlank();
        }
        if (answer.status() == 401) {
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Set-Cookie")).as("stateless: no session").isNull();
        if (path.startsWith("/api/")) assertThat(answer.header("Cache-Control")).contains("no-store");
    }

    @Test
    void everyApiMappingIsInTheTable(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        Set<String> listed = new TreeSet<>();
        API.forEach(call -> listed.add(call.method() + " " + call.pattern()));
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api")) continue;
                assertThat(info.getMethodsCondition().getMethods())
                        .as("%s must name its HTTP methods, so each can be given a role", pattern)
                        .isNotEmpty();
                info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern));
            }
        }
        assertThat(mapped)
                .as("every /api mapping has rows in the authorization table")
                .isSubsetOf(listed);
        assertThat(listed).as("the table lists no mapping that is gone").isSubsetOf(mapped);
    }

    @Test
    void healthShowsOnlyTheStatusToCallersWithoutAdminKey() {
        var anonymous = as(null).get("/actuator/health");
        var reader = as(READER_KEY).get("/actuator/health");
        var adminView = admin.get("/actuator/health");

        // The status, and the names of the probe groups to ask; nothing about what is inside.
        for (var answer : List.of(anonymous, reader)) {
            assertThat(answer.body().has("status")).isTrue();
            assertThat(answer.body().has("components")).isFalse();
            assertThat(answer.body().has("details")).isFalse();
        }
        assertThat(adminView.body().has("components")).isTrue();
    }

    @Test
    void browsersElsewhereGetNoCorsPermissionWhenNoOriginIsConfigured() throws Exception {
        var preflight = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port + "/api/v1/jobs"))
                                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://dashboard.example.com")
                                .header("Access-Control-Request-Method", "GET")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        // Spring answers the preflight itself, without a single CORS header: the browser then stops.
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .isEmpty();
    }

    private static void row(
            List<Arguments> rows,
            Call call,
            Set<Integer> nobody,
            Set<Integer> wrongKey,
            Set<Integer> reader,
            Set<Integer> writer,
            Set<Integer> admin) {
        rows.add(Arguments.of(call, Who.NOBODY, nobody));
        rows.add(Arguments.of(call, Who.WRONG_KEY, wrongKey));
        rows.add(Arguments.of(call, Who.READER, reader));
        rows.add(Arguments.of(call, Who.WRITER, writer));
        rows.add(Arguments.of(call, Who.ADMIN, admin));
    }

    private static Call get(String path) {
        return call("GET", path);
    }

    private static Call call(String method, String path) {
        return new Call(method, path, path, null);
    }
}
