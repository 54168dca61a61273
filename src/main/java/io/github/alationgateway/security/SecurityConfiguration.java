package io.github.alationgateway.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import io.github.alationgateway.alation.AlationProperties;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what. Readers read everything under /api/v1, writers also register jobs and ask for polls, admins
 * also use the actuator; health and API docs are public. Anything else that reaches a controller is denied.
 * Stateless bearer keys: no session, no cookies, hence no CSRF, no login form, no basic auth.
 */
/** Only where there is a web server to protect: replicas in tests and benchmarks may run without one. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    @Bean
    ApiKeys apiKeys(GatewaySecurityProperties properties, AlationProperties alation) {
        return ApiKeys.from(properties, alation.instances().keySet());
    }

    /** Keys are checked by {@link ApiKeyFilter}; this bean only keeps Boot from making a user with a password. */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("This gateway accepts API keys only");
        };
    }

    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    /**
     * No observation of Spring Security's own: by default each of the chain's ~15 filters runs inside one, and
     * authorization inside another, on every request. That is CPU on the hottest reads (GET of one job costs well
     * under a millisecond without them) for timers an operator does not read: the request-level
     * {@code http.server.requests} timer stays, and a refusal shows there as a 401 or 403.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's firewall, its header rules checked without regular expressions: see {@link FirewallText}. */
    @Bean
    HttpFirewall firewall() {
        return FirewallText.firewall();
    }

    /** Requests the firewall rejects (encoded slashes, ';', control characters in the path) answer 400 too. */
    @Bean
    RequestRejectedHandler problemOnRejectedRequest(ProblemResponses problems) {
        return (request, response, e) -> problems.write(
                request, response, HttpStatus.BAD_REQUEST, "The request's address is not allowed: " + e.getMessage());
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            ApiKeys keys,
            ProblemResponses problems,
            GatewaySecurityProperties properties,
            RequestQuota quota,
            @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .rememberMe(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(AbstractHttpConfigurer::disable)
                .addFilter(cors(properties.cors()))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyFilter(keys, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(quota, problems), ApiKeyFilter.class)
                .addFilterAfter(new BodyLimitFilter(problems), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // Error pages render what an earlier step already decided, and so does the second dispatch
                        // of an answer that came later (a wait): the request was authorised when it arrived.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasRole(Role.ADMIN.name())
                        // API documentation: public, as is common; it describes the API, it holds no data.
                        .requestMatchers(
                                pathPattern("/v3/api-docs"),
                                pathPattern("/v3/api-docs/**"),
                                pathPattern("/swagger-ui.html"),
                                pathPattern("/swagger-ui/**"))
                        .permitAll()
                        // Webhook endpoints and their deliveries: operators' business, admin keys only.
                        .requestMatchers(pathPattern("/api/v1/webhooks"), pathPattern("/api/v1/webhooks/**"))
                        .hasRole(Role.ADMIN.name())
                        // Waiting for many jobs is a read, sent as a POST only because the list of ids is long.
                        .requestMatchers(
                                pathPattern(HttpMethod.GET, "/api/v1/**"),
                                pathPattern(HttpMethod.POST, "/api/v1/jobs/wait"))
                        .hasRole(Role.READER.name())
                        .requestMatchers(
                                pathPattern(HttpMethod.POST, "/api/v1/jobs"),
                                pathPattern(HttpMethod.POST, "/api/v1/jobs/batch"),
                                pathPattern(HttpMethod.POST, "/api/v1/jobs/{id}/poll"),
                                pathPattern(HttpMethod.DELETE, "/api/v1/jobs/{id}"))
                        .hasRole(Role.WRITER.name())
                        .anyRequest()
                        .access(new UnhandledRequests(controllers)));
        return http.build();
    }

    /**
     * Closed unless origins are configured: browsers elsewhere then get no CORS headers and stop. Placed before
     * authentication, as preflight requests carry no key.
     */
    private static CorsFilter cors(GatewaySecurityProperties.Cors settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor());
        if (settings.allowedOrigins().isEmpty()) return filter;
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(settings.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        config.setExposedHeaders(List.of("Location", "Retry-After"));
        config.setAllowCredentials(false);
        config.setMaxAge(3600L);
        source.registerCorsConfiguration("/api/**", config);
        return filter;
    }
}
