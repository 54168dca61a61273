package io.github.alationgateway.security;

import io.github.alationgateway.system.Problems;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query parameter the endpoint does not take is refused with 400 naming it: {@code ?stauts=failed} would
 * otherwise quietly list every job. Endpoints that take parameters as a map or an object are left alone.
 */
@Component
class QueryParameterCheck implements WebMvcConfigurer, HandlerInterceptor {

    private final Map<Method, Optional<Set<String>>> accepted = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) return true;
        Optional<Set<String>> known = accepted.computeIfAbsent(method.getMethod(), m -> accepted(method));
        if (known.isEmpty()) return true;
        for (String name : request.getParameterMap().keySet()) {
            if (!known.get().contains(name)) {
                String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
                throw Problems.badField(
                        shown,
                        "Unknown query parameter '" + shown + "'; "
                                + (known.get().isEmpty()
                                        ? "this endpoint takes none"
                                        : "this endpoint takes " + known.get()));
            }
        }
        return true;
    }

    /** The names the method binds, or empty when it binds parameters in a way this check cannot list. */
    private static Optional<Set<String>> accepted(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                if (Map.class.isAssignableFrom(parameter.getParameterType())) return Optional.empty();
                String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
                if (name == null) return Optional.empty();
                names.add(name);
            } else if (parameter.getParameterAnnotations().length == 0 && !requestInfrastructure(parameter)) {
                // Spring binds an unannotated parameter from the query: a simple one by name, an object by fields.
                return Optional.empty();
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
                return Optional.empty();
            }
        }
        return Optional.of(Collections.unmodifiableSet(names));
    }

    private static boolean requestInfrastructure(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return Principal.class.isAssignableFrom(type)
                || ServletRequest.class.isAssignableFrom(type)
                || ServletResponse.class.isAssignableFrom(type)
                || Locale.class.isAssignableFrom(type);
    }
}
