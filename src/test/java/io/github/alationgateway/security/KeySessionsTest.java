package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

class KeySessionsTest {

    static final String KEY = "dashboard-key-0123456789abcdef";

    final ApiKeys keys = ApiKeys.from(
            new GatewaySecurityProperties(
                    List.of(new GatewaySecurityProperties.ApiKey("ops", KEY, null, Role.READER, null)),
                    new GatewaySecurityProperties.RateLimit(1, 3),
                    new GatewaySecurityProperties.Cors(null)),
            Set.of("prod"));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void attemptsFromOneAddressAreLimitedLikeTheApiAndOthersAreNot() {
        KeySessions sessions = new KeySessions(keys, new GatewaySecurityProperties.RateLimit(1, 3));
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(sessions, "wrong", "10.0.0.1").signedIn()).isFalse();
        }
        KeySessions.Attempt limited = attempt(sessions, KEY, "10.0.0.1");
        assertThat(limited.signedIn())
                .as("even the right key waits once the address is over its rate")
                .isFalse();
        assertThat(limited.retryAfterSeconds()).isPositive();
        assertThat(attempt(sessions, KEY, "10.0.0.2").signedIn()).isTrue();
    }

    @Test
    void aSignInMakesANewSessionWithTheIdleTimeoutAndNoKeyInIt() {
        KeySessions sessions = new KeySessions(keys, new GatewaySecurityProperties.RateLimit(0, 1));
        MockHttpServletRequest request = request("10.0.0.3");
        var planted = request.getSession(true);
        KeySessions.Attempt attempt =
                sessions.signIn(KEY, Duration.ofMinutes(7), request, new MockHttpServletResponse());
        assertThat(attempt.signedIn()).isTrue();
        var session = request.getSession(false);
        assertThat(session).isNotSameAs(planted);
        assertThat(session.getMaxInactiveInterval()).isEqualTo(7 * 60);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        assertThat(authentication.getName()).isEqualTo("ops");
        assertThat(authentication.getCredentials()).isNull();
    }

    private static KeySessions.Attempt attempt(KeySessions sessions, String key, String address) {
        return sessions.signIn(key, Duration.ofMinutes(30), request(address), new MockHttpServletResponse());
    }

    private static MockHttpServletRequest request(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ui/sign-in");
        request.setRemoteAddr(address);
        return request;
    }
}
