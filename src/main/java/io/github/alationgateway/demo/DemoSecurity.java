package io.github.alationgateway.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The simulated Alation answers as Alation does: it checks its own TOKEN header, not the gateway's API keys.
 * This chain takes its three routes before the gateway's own chain sees them, and exists only in the demo
 * profiles.
 */
@Configuration(proxyBeanMethods = false)
@Profile({"demo", "demo-alation"})
class DemoSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain simulatedAlationRoutes(HttpSecurity http) throws Exception {
        var routes = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/v1/bulk_metadata/job/"),
                PathPatternRequestMatcher.withDefaults()
                        .matcher(HttpMethod.POST, "/integration/v1/createAPIAccessToken/"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/oauth/v2/token"));
        return http.securityMatcher(routes)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
