package io.github.alationgateway.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The dashboard's chain: a session made at sign-in from an API key, CSRF tokens on every form, and pages that
 * load nothing from another origin. It matches only the dashboard's addresses; {@code /api/v1/**} stays with the
 * stateless chain of {@link SecurityConfiguration}, which never reads a session, so the cookie cannot call the
 * API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardSecurity {

    static final String SIGN_IN = "/ui/sign-in";
    private static final RequestMatcher EVENTS = pathPattern("/ui/events");
    /** Everything from this origin only; no inline script or style, so injected markup cannot run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; object-src 'none'";

    @Bean
    KeySessions keySessions(ApiKeys keys, GatewaySecurityProperties properties) {
        return new KeySessions(keys, properties.rateLimit());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain dashboard(HttpSecurity http, KeySessions sessions) throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/ui/denied");
        http.securityMatcher(new OrRequestMatcher(pathPattern("/"), pathPattern("/ui"), pathPattern("/ui/**")))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .rememberMe(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .securityContext(context -> context.securityContextRepository(sessions.repository()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .logout(logout -> logout.logoutRequestMatcher(pathPattern(HttpMethod.POST, "/ui/sign-out"))
                        .logoutSuccessUrl(SIGN_IN + "?signed_out")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(signInFirst()).accessDeniedHandler(denied))
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                                .permitAll()
                                .requestMatchers(pathPattern("/"), pathPattern("/ui/assets/**"), pathPattern(SIGN_IN))
                                .permitAll()
                                .requestMatchers(pathPattern(HttpMethod.POST, "/ui/jobs/{id}/poll"))
                                .hasRole(Role.WRITER.name())
                                .requestMatchers(pathPattern("/ui/admin/**"))
                                .hasRole(Role.ADMIN.name())
                                .anyRequest()
                                .hasRole(Role.READER.name()));
        return http.build();
    }

    /**
     * A page asked for without a session: to the sign-in form, which comes back to that page afterwards. The event
     * stream is no page: a redirect would only hand EventSource a form, so it answers 401.
     */
    private static AuthenticationEntryPoint signInFirst() {
        return (request, response, e) -> {
            if (EVENTS.matches(request)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            response.sendRedirect(request.getContextPath() + SIGN_IN + "?next="
                    + URLEncoder.encode(target(request), StandardCharsets.UTF_8));
        };
    }

    private static String target(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }
}
