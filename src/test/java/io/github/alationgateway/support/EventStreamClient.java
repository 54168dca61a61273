package io.github.alationgateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the gateway's event stream, as EventSource reads it: it parses {@code id:}, {@code event:} and
 * {@code data:} lines into events and keeps comments, on a thread of its own, until closed or the server ends.
 */
public final class EventStreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One event as received, and when. */
    public record Event(long id, String type, JsonNode data, Instant receivedAt) {}

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<String> fields = new CopyOnWriteArrayList<>();
    private volatile boolean ended;
    private final String body;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() != 200) {
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            this.body = text;
            this.ended = true;
            return;
        }
        this.body = null;
        Thread reader = new Thread(this::read, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code baseUrl + path} with {@code apiKey}, and a Last-Event-ID when {@code lastEventId} is set. */
    public static EventStreamClient open(String baseUrl, String path, String apiKey, String lastEventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) headers.put("Authorization", "Bearer " + apiKey);
        if (lastEventId != null) headers.put("Last-Event-ID", lastEventId);
        return open(baseUrl + path, headers);
    }

    /** Opens {@code url} with these headers (a dashboard's session cookie, say). */
    public static EventStreamClient open(String url, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        try {
            return new EventStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static EventStreamClient open(int port, String path) {
        return open("http://localhost:" + port, path, GatewayApi.TEST_ADMIN_KEY, null);
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer that was not a stream (a problem). */
    public JsonNode problem() {
        return body == null || body.isBlank() ? null : JSON.readTree(body);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Long> ids() {
        return events.stream().map(Event::id).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Every field line and comment in the order received, e.g. "retry: 3000". */
    public List<String> lines() {
        return List.copyOf(fields);
    }

    public boolean ended() {
        return ended;
    }

    public long lastId() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).id();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> frame = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    fields.add(line);
                    frame.add(line);
                    continue;
                }
                dispatch(frame);
                frame.clear();
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            ended = true;
        }
    }

    private void dispatch(List<String> frame) {
        Long id = null;
        String type = null;
        String data = null;
        for (String line : frame) {
            if (line.startsWith(":")) comments.add(line.substring(1).strip());
            else if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
            else if (line.startsWith("event: ")) type = line.substring(7);
            else if (line.startsWith("data: ")) data = line.substring(6);
        }
        if (id != null && data != null) events.add(new Event(id, type, JSON.readTree(data), Instant.now()));
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // going away anyway
        }
    }
}
