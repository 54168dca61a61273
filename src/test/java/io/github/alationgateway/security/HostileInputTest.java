package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever a client sends, the answer is a 4xx problem detail that says what is wrong, never a 5xx, and a
 * refused registration stores nothing.
 */
class HostileInputTest extends SecuredGateway {

    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Raw(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @TestFactory
    Stream<DynamicTest> generatedRegistrationsAreAnsweredOrRefusedCleanly() {
        HostileInput input = new HostileInput(SEED);
        return IntStream.range(0, 300).mapToObj(i -> {
            byte[] body = input.registrationBody();
            return DynamicTest.dynamicTest("registration #" + i + " (seed " + SEED + ")", () -> {
                JsonNode before = stats();
                Raw answer = send("POST", "/api/v1/jobs", "application/json", body, WRITER_KEY);
                String sent = new String(body, StandardCharsets.UTF_8);
                assertThat(answer.status())
                        .as("%s\n-> %s", abbreviate(sent), answer.body())
                        .isBetween(200, 499);
                if (answer.status() >= 400) {
                    assertProblem(answer, sent);
                    assertThat(stats())
                            .as("nothing stored for %s", abbreviate(sent))
                            .isEqualTo(before);
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> generatedListFiltersAreAnsweredOrRefusedCleanly() {
        HostileInput input = new HostileInput(SEED + 1);
        return IntStream.range(0, 200).mapToObj(i -> {
            String query = input.listQuery();
            return DynamicTest.dynamicTest("GET /api/v1/jobs?" + abbreviate(query), () -> {
                Raw answer = send("GET", "/api/v1/jobs?" + query, null, null, READER_KEY);
                assertThat(answer.status()).as("%s -> %s", query, answer.body()).isBetween(200, 499);
                if (answer.status() >= 400) assertProblem(answer, query);
                else assertThat(answer.json().has("items")).isTrue();
            });
        });
    }

    @ParameterizedTest(name = "{0} {1} [{2}] -> {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            POST | /api/v1/jobs                  | text/plain        | {"response": {"job_id": 1}} | 415 | Content-Type
            POST | /api/v1/jobs                  | application/xml   | <job/>                      | 415 | Content-Type
            POST | /api/v1/jobs                  | NULL              | {"response": {"job_id": 1}} | 415 | Content-Type
            POST | /api/v1/jobs                  | application/json  | NULL                        | 400 | body
            POST | /api/v1/jobs                  | application/json  | null                        | 400 | body
            POST | /api/v1/jobs                  | application/json  | []                          | 400 | JSON
            POST | /api/v1/jobs                  | application/json  | {"response": {"job_id": 1}, "instance": 7} | 400 | instance
            POST | /api/v1/jobs                  | application/json  | {"instance": "test", "response": {"job_id": 99999999999999999999}} | 400 | job_id
            POST | /api/v1/jobs                  | application/json  | {"instance": "test", "response": {"job_id": -5}} | 400 | job_id
            POST | /api/v1/jobs                  | application/json  | {"instance": "test", "response": {"job_id": 1}, "labels": ["a"]} | 400 | labels
            PATCH| /api/v1/jobs                  | application/json  | {}                          | 405 | PATCH
            GET  | /api/v1/jobs?page_size=501    | NULL              | NULL                        | 400 | page_size
            GET  | /api/v1/jobs?page_size=-1     | NULL              | NULL                        | 400 | page_size
            GET  | /api/v1/jobs?page_size=ten    | NULL              | NULL                        | 400 | page_size
            GET  | /api/v1/jobs?alation_job_id=99999999999999999999 | NULL | NULL                  | 400 | alation_job_id
            GET  | /api/v1/jobs?status=' OR 1=1 -- | NULL            | NULL                        | 400 | status
            GET  | /api/v1/jobs?cursor=%27%3B%20DROP | NULL          | NULL                        | 400 | cursor
            GET  | /api/v1/jobs?cursor=%00%ff     | NULL            | NULL                        | 400 | query
            GET  | /api/v1/jobs?status=%e2%82     | NULL            | NULL                        | 400 | query
            GET  | /api/v1/jobs?registered_after=yesterday | NULL    | NULL                        | 400 | registered_after
            GET  | /api/v1/jobs?stauts=failed     | NULL            | NULL                        | 400 | stauts
            GET  | /api/v1/jobs/stats?status=failed | NULL          | NULL                        | 400 | status
            GET  | /api/v1/jobs/x/nothing        | NULL              | NULL                        | 404 | nothing
            GET  | /api/v1/jobs/%2e%2e/stats     | NULL              | NULL                        | 400 | rejected
            GET  | /api/v1/jobs;jsessionid=1     | NULL              | NULL                        | 400 | rejected
            """)
    void namedHostileRequestsAreRefusedWithTheReason(
            String method, String path, String contentType, String body, int status, String mentioned) {
        Raw answer = send(
                method,
                path.replace(" ", "%20"),
                contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                WRITER_KEY);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertProblem(answer, path);
        assertThat(answer.json().path("detail").asString()
                        + answer.json().path("field").asString())
                .containsIgnoringCase(mentioned);
    }

    @Test
    void sqlInAFilterIsJustAValueThatMatchesNothing() {
        registerOn("test");

        var answer = as(READER_KEY).get("/api/v1/jobs?instance=test%27%20OR%20%271%27%3D%271&alation_job_name=x%27--");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("items").isEmpty()).isTrue();
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWhetherDeclaredOrChunked() throws Exception {
        String big = "{\"instance\": \"test\", \"response\": {\"job_name\": \"" + "x".repeat(1024 * 1024) + "\"}}";
        JsonNode before = stats();

        Raw declared =
                send("POST", "/api/v1/jobs", "application/json", big.getBytes(StandardCharsets.UTF_8), WRITER_KEY);
        HttpResponse<String> chunked = http.send(
                request("/api/v1/jobs", WRITER_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(declared.status()).isEqualTo(413);
        assertProblem(declared, "declared");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(stats()).isEqualTo(before);
    }

    @Test
    void aSmallChunkedBodyIsReadAsUsual() throws Exception {
        String body = "{\"instance\": \"test\", \"response\": {\"job_id\": " + nextAlationId() + "}}";

        HttpResponse<String> answer = http.send(
                request("/api/v1/jobs", WRITER_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void deepNestingAndLongNumbersAreRefusedByTheParser() {
        String deep = "{\"instance\": \"test\", \"response\": " + "[".repeat(100) + "]".repeat(100) + "}";
        String longNumber = "{\"instance\": \"test\", \"response\": {\"job_id\": " + "1".repeat(150) + "}}";

        Raw nested =
                send("POST", "/api/v1/jobs", "application/json", deep.getBytes(StandardCharsets.UTF_8), WRITER_KEY);
        Raw number = send(
                "POST", "/api/v1/jobs", "application/json", longNumber.getBytes(StandardCharsets.UTF_8), WRITER_KEY);

        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("detail").asString()).containsIgnoringCase("nesting depth");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().path("detail").asString()).containsIgnoringCase("number");
    }

    @Test
    void anAddressTooLongForTheWebServerIsAProblemToo() {
        Raw answer = send("GET", "/api/v1/jobs?alation_job_name=" + "x".repeat(20_000), null, null, READER_KEY);

        assertThat(answer.status()).isEqualTo(414);
        assertProblem(answer, "a 20 KB address");
        assertThat(answer.json().path("detail").asString()).contains("address is too long");
    }

    @Test
    void headersTooLongForTheWebServerAreAProblemToo() throws Exception {
        HttpResponse<String> answer = http.send(
                request("/api/v1/jobs", READER_KEY)
                        .header("X-Padding", "y".repeat(20_000))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        Raw raw = new Raw(
                answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        assertThat(raw.status()).isEqualTo(431);
        assertProblem(raw, "a 20 KB header");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private void assertProblem(Raw answer, String sent) {
        assertThat(answer.contentType())
                .as("%s -> %s", abbreviate(sent), answer.body())
                .startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(answer.status());
        assertThat(problem.path("detail").asString()).as(answer.body()).isNotBlank();
    }

    /**
     * What is stored, counted: the stats without {@code ended_per_hour}, whose window of hours moves on with the
     * clock (a run crossing a full hour saw the window shift between two reads and failed).
     */
    private JsonNode stats() {
        ObjectNode counts = (ObjectNode) admin.get("/api/v1/jobs/stats").body().deepCopy();
        counts.remove("ended_per_hour");
        return counts;
    }

    private Raw send(String method, String path, String contentType, byte[] body, String key) {
        HttpRequest.Builder builder = request(path, key)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) builder.header("Content-Type", contentType);
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Raw(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new AssertionError("gateway unreachable: " + e, e);
        }
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
