package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link HttpSecurities} stands in for Spring Security's prototype HttpSecurity bean: from the same configuration
 * both must build the same filters, in the same order, and share the same objects. A Spring Security upgrade that
 * adds a default to its bean fails here rather than leaving the gateway's chains without it.
 */
class HttpSecuritiesTest extends SecuredGateway {

    @Autowired
    ApplicationContext context;

    @Autowired
    HttpSecurities httpSecurities;

    @Test
    void theGatewayDefinesNoCustomizerBeansSoItsChainsTakeTheShortWay() {
        assertThat(context.getBeanNamesForType(Customizer.class)).isEmpty();
    }

    @Test
    void aBareChainHasTheFrameworksDefaultFilters() throws Exception {
        assertSameChain(http ->
                http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()));
    }

    @Test
    void aChainWithSessionsAndFormsHasTheFrameworksFilters() throws Exception {
        assertSameChain(http -> http.sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .formLogin(withDefaults())
                .httpBasic(withDefaults())
                .cors(withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated()));
    }

    private void assertSameChain(Configuration configuration) throws Exception {
        HttpSecurity frameworks = context.getBean(HttpSecurity.class);
        HttpSecurity ours = httpSecurities.create();
        assertThat(ours).isNotSameAs(frameworks);
        SecurityFilterChain expected = configuration.apply(frameworks).build();
        SecurityFilterChain actual = configuration.apply(ours).build();
        assertThat(classes(actual.getFilters())).isNotEmpty().isEqualTo(classes(expected.getFilters()));
        assertThat(ours.getSharedObjects().keySet())
                .isEqualTo(frameworks.getSharedObjects().keySet());
    }

    private static List<Class<?>> classes(List<Filter> filters) {
        return filters.stream().<Class<?>>map(Object::getClass).toList();
    }

    private interface Configuration {
        HttpSecurity apply(HttpSecurity http) throws Exception;
    }
}
