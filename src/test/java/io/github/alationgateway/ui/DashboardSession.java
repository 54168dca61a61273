package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alationgateway.support.EventStreamClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session over plain HTTP, for what MockMvc cannot show: a stream that stays open on a real server.
 * It signs in through the form, as a person does, and keeps the cookie the gateway sets.
 */
final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String origin;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    private DashboardSession(String origin) {
        this.origin = origin;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static DashboardSession signIn(int port, String key) {
        DashboardSession session = new DashboardSession("http://localhost:" + port);
        String form = session.get("/ui/sign-in").body();
        HttpResponse<String> signedIn = session.post(
                "/ui/sign-in", "api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&_csrf=" + csrf(form));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/"));
        return session;
    }

    String cookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
    }

    /** The dashboard's event stream, with this session's cookie and nothing else. */
    EventStreamClient events(String query) {
        return EventStreamClient.open(origin + "/ui/events" + query, Map.of("Cookie", "JSESSIONID=" + cookie()));
    }

    /** Signs out with the token a page's sign-out button carries. */
    void signOut() {
        String page = get("/ui/").body();
        assertThat(post("/ui/sign-out", "_csrf=" + csrf(page)).statusCode()).isEqualTo(302);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(origin + path)).GET());
    }

    private HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String page) {
        Matcher match = CSRF.matcher(page);
        assertThat(match.find()).as("a CSRF field on the page").isTrue();
        return URLEncoder.encode(match.group(1), StandardCharsets.UTF_8);
    }
}
