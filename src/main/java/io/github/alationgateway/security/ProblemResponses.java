package io.github.alationgateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for answers given before a controller is reached. Spring Security's entry point and denial
 * handler run in the filter chain, outside controller advice, so they write the JSON themselves.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String NO_KEY = "Send an API key as 'Authorization: Bearer <key>'";
    static final String BAD_KEY = "The API key is not valid";

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** 401: no key, or a key this gateway does not know. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                presented ? "Bearer error=\"invalid_token\", error_description=\"" + BAD_KEY + "\"" : "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, presented ? BAD_KEY : NO_KEY);
    }

    /** 403: a known key whose role does not allow this request. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String detail = authentication instanceof ApiKeyAuthentication key
                ? "The API key '" + key.getName() + "' (role "
                        + key.caller().role().wire() + ") may not " + request.getMethod() + " "
                        + abbreviate(request.getRequestURI())
                : "This request is not allowed";
        write(request, response, HttpStatus.FORBIDDEN, detail);
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (response.isCommitted()) return;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(abbreviate(request.getRequestURI()).replaceAll("[^A-Za-z0-9/_.~%-]", "")));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String abbreviate(String value) {
        return value.length() > 200 ? value.substring(0, 200) : value;
    }
}
