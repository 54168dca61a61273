package io.github.alationgateway.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Errors a caller can act on, rendered as RFC 9457 problem details. */
public final class Problems {

    private Problems() {}

    public static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail, null);
    }

    /** A bad value in one field or parameter; the problem names it in {@code field}. */
    public static ErrorResponseException badField(String field, String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail, field);
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, detail, null);
    }

    public static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, detail, null);
    }

    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, detail, null);
    }

    /** Something the caller once could have had is gone for good (an event past the retention). */
    public static ErrorResponseException gone(String detail) {
        return problem(HttpStatus.GONE, detail, null);
    }

    /** The caller holds as much of a bounded resource as it may; it may ask again once it let some go. */
    public static ErrorResponseException tooManyRequests(String detail) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, detail, null);
    }

    public static ErrorResponseException serviceUnavailable(String detail) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, detail, null);
    }

    /** A caller's value as a problem detail quotes it: whole when short, cut at 100 characters otherwise. */
    public static String quote(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
    }

    private static ErrorResponseException problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) problem.setProperty("field", field);
        return new ErrorResponseException(status, problem, null);
    }
}
