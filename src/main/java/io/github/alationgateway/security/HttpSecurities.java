package io.github.alationgateway.security;

import static org.springframework.security.config.Customizer.withDefaults;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.DefaultLoginPageConfigurer;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * A fresh {@link HttpSecurity} for each filter chain, with the defaults Spring Security's own prototype bean
 * ({@code HttpSecurityConfiguration#httpSecurity}, 7.0) gives it, but without that bean's search for "top-level"
 * {@link Customizer} beans: for every one of HttpSecurity's ~30 methods that take a Customizer it asks the context
 * for beans of that generic type, and each such question checks all ~570 bean definitions with {@code
 * ResolvableType} (Spring caches only lookups by class). That was 1.5-4 % of the main thread's start, for two chains,
 * to find nothing. One lookup by class tells whether any Customizer bean exists; if one does, the framework's bean
 * is used as it is, so such a bean is never ignored. {@code HttpSecuritiesTest} checks that both ways build the
 * same filters, which catches a default added by a later Spring Security.
 *
 * <p>One difference, on purpose: the authentication builder is the plain one. The framework's sets a password
 * encoder for in-memory, JDBC and UserDetailsService logins, which these chains never configure (API keys only).
 */
final class HttpSecurities {

    private final ApplicationContext context;
    private final ObjectProvider<HttpSecurity> framework;
    private final ObjectPostProcessor<Object> postProcessor;
    private final AuthenticationConfiguration authentication;
    private final SecurityContextHolderStrategy contextHolder;
    private final ContentNegotiationStrategy contentNegotiation;

    HttpSecurities(
            ApplicationContext context,
            ObjectProvider<HttpSecurity> framework,
            ObjectPostProcessor<Object> postProcessor,
            AuthenticationConfiguration authentication,
            ObjectProvider<SecurityContextHolderStrategy> contextHolder,
            ObjectProvider<ContentNegotiationStrategy> contentNegotiation) {
        this.context = context;
        this.framework = framework;
        this.postProcessor = postProcessor;
        this.authentication = authentication;
        this.contextHolder = contextHolder.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        this.contentNegotiation = contentNegotiation.getIfAvailable(HeaderContentNegotiationStrategy::new);
    }

    @SuppressWarnings({"rawtypes", "unchecked"}) // spring.factories lists raw AbstractHttpConfigurers
    HttpSecurity create() throws Exception {
        if (context.getBeanNamesForType(Customizer.class).length > 0) return framework.getObject();
        AuthenticationManagerBuilder authenticationBuilder = new AuthenticationManagerBuilder(postProcessor);
        authenticationBuilder.parentAuthenticationManager(authentication.getAuthenticationManager());
        authenticationBuilder.authenticationEventPublisher(authenticationEvents());
        HttpSecurity http = new HttpSecurity(postProcessor, authenticationBuilder, sharedObjects());
        WebAsyncManagerIntegrationFilter asyncContext = new WebAsyncManagerIntegrationFilter();
        asyncContext.setSecurityContextHolderStrategy(contextHolder);
        http.csrf(withDefaults())
                .addFilter(asyncContext)
                .exceptionHandling(withDefaults())
                .headers(withDefaults())
                .sessionManagement(withDefaults())
                .securityContext(withDefaults())
                .requestCache(withDefaults())
                .anonymous(withDefaults())
                .servletApi(withDefaults())
                .with(new DefaultLoginPageConfigurer<>());
        http.logout(withDefaults());
        if (context.getBeanNamesForType(UrlBasedCorsConfigurationSource.class).length > 0) http.cors(withDefaults());
        for (AbstractHttpConfigurer configurer :
                SpringFactoriesLoader.loadFactories(AbstractHttpConfigurer.class, context.getClassLoader())) {
            http.with(configurer);
        }
        return http;
    }

    private AuthenticationEventPublisher authenticationEvents() {
        if (context.getBeanNamesForType(AuthenticationEventPublisher.class).length > 0) {
            return context.getBean(AuthenticationEventPublisher.class);
        }
        return postProcessor.postProcess(new DefaultAuthenticationEventPublisher());
    }

    private Map<Class<?>, Object> sharedObjects() throws Exception {
        PathPatternRequestMatcherBuilderFactoryBean paths = new PathPatternRequestMatcherBuilderFactoryBean();
        paths.setApplicationContext(context);
        paths.setBeanFactory(context.getAutowireCapableBeanFactory());
        paths.setBeanName(paths.toString());
        Map<Class<?>, Object> shared = new HashMap<>();
        shared.put(ApplicationContext.class, context);
        shared.put(ContentNegotiationStrategy.class, contentNegotiation);
        shared.put(PathPatternRequestMatcher.Builder.class, paths.getObject());
        return shared;
    }
}
