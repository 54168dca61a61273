package io.github.alationgateway.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Every error leaves as application/problem+json with a detail a person can act on. */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final long RETRY_AFTER_SECONDS = 5;

    /** One full log line per 10 s while the database is away; every request would otherwise log a stack trace. */
    private final LogThrottle databaseAway = new LogThrottle(Duration.ofSeconds(10));

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = field(ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The request body is not a readable JSON document: "
                        + (field == null ? "" : "at '" + field + "': ")
                        + reason(ex));
        if (field != null) problem.setProperty("field", field);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        String detail = errors.isEmpty()
                ? "The request is not valid"
                : errors.get(0).get("field") + ": " + errors.get(0).get("message");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (!errors.isEmpty()) problem.setProperty("field", errors.get(0).get("field"));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "Parameter '" + name + "' has an invalid value: '" + ex.getValue() + "'");
        problem.setProperty("field", name);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * The database away answers 503 with Retry-After, never 500: a caller may simply try again. A transaction that
     * cannot begin or end (CannotCreateTransactionException, TransactionSystemException "JDBC rollback failed")
     * is the same outage seen from the transaction manager, so it gets the same answer.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> database(RuntimeException ex) {
        if (databaseAway.tryAcquire()) log.warn("Database call failed; answering 503 until it is back", ex);
        else log.debug("Database call failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The gateway's database is not available; try again shortly");
        problem.setProperty("retry_after_seconds", RETRY_AFTER_SECONDS);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem);
    }

    /**
     * Jetty parses the query lazily, on the first read of a parameter, and a query it cannot decode (bytes that
     * are not UTF-8 such as {@code %ff}, a broken percent-encoding) throws then. It is the caller's mistake: 400,
     * without echoing the bytes.
     */
    @ExceptionHandler({HttpException.IllegalArgumentException.class, HttpException.IllegalStateException.class})
    ResponseEntity<ProblemDetail> undecodableQuery(RuntimeException ex) {
        HttpException refusal = (HttpException) ex;
        HttpStatus status = HttpStatus.resolve(refusal.getCode());
        if (status == null || !status.is4xxClientError()) return unexpected(ex);
        log.debug("Refused a request Jetty could not parse: {}", refusal.getReason());
        String detail = "Bad query".equals(refusal.getReason())
                ? "The query string cannot be decoded: it holds a malformed percent-encoding or bytes that are not"
                        + " UTF-8"
                : "The request is malformed";
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed unexpectedly; see its log"));
    }

    /** Where in the document a value of the wrong type sits, e.g. labels or response.job_id; null if unknown. */
    private static String field(HttpMessageNotReadableException ex) {
        if (!(ex.getMostSpecificCause() instanceof JacksonException jackson)
                || jackson.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** The parser's first line says where the JSON broke, without echoing the whole body back. */
    private static String reason(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        String message = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : cause.getMessage();
        message = message == null ? "empty or unreadable body" : message;
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
