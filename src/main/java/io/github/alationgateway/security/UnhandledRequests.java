package io.github.alationgateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.http.server.RequestPath;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last rule: a request no earlier rule allowed. If it would reach a controller method, it is denied: an
 * endpoint nobody listed is closed. If it would reach none (unknown path, wrong method, wrong content type), a
 * caller with a key may pass, so Spring MVC answers the precise 404, 405 or 415 rather than a puzzling 403.
 */
final class UnhandledRequests implements AuthorizationManager<RequestAuthorizationContext> {

    private final RequestMappingHandlerMapping controllers;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    UnhandledRequests(RequestMappingHandlerMapping controllers) {
        this.controllers = controllers;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        boolean authenticated = caller != null && trust.isAuthenticated(caller);
        return new AuthorizationDecision(authenticated && !reachesController(context.getRequest()));
    }

    private boolean reachesController(HttpServletRequest request) {
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            return controllers.getHandler(request) != null;
        } catch (Exception e) {
            // No method matches this method, content type or parameters: Spring MVC will say which.
            return false;
        } finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                ServletRequestPathUtils.setParsedRequestPath(previous, request);
            }
        }
    }
}
