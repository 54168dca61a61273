package io.github.alationgateway.security;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ProblemErrorHandler} in place of Jetty's HTML error page for the requests Jetty refuses before
 * they reach the application. Errors raised inside the application go through Spring's handlers as before.
 */
@Component
class JettyProblems implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(server -> server.setErrorHandler(new ProblemErrorHandler()));
    }
}
