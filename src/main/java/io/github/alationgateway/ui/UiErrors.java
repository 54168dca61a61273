package io.github.alationgateway.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on dashboard pages answer with a page in the dashboard's style, not problem+json: the API's handler
 * applies to every controller, so this one is ordered first and limited to this package.
 */
@ControllerAdvice(basePackageClasses = UiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrors {

    private static final Logger log = LoggerFactory.getLogger(UiErrors.class);

    private final UiModel common;

    UiErrors(UiModel common) {
        this.common = common;
    }

    @ExceptionHandler(ErrorResponseException.class)
    ModelAndView problem(ErrorResponseException e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return page(request, status, e.getBody().getDetail());
    }

    @ExceptionHandler(DataAccessException.class)
    ModelAndView database(DataAccessException e, HttpServletRequest request) {
        log.error("Database call failed while rendering a dashboard page", e);
        return page(
                request, HttpStatus.SERVICE_UNAVAILABLE, "The gateway's database is not available; try again shortly.");
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error while rendering a dashboard page", e);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed to show this page; see its log.");
    }

    private ModelAndView page(HttpServletRequest request, HttpStatus status, String detail) {
        ModelAndView page = page(status, detail);
        page.addAllObjects(common.common(request));
        return page;
    }

    static ModelAndView page(HttpStatus status, String detail) {
        ModelAndView page = new ModelAndView("ui/error", status);
        page.addObject("status", status.value());
        page.addObject("title", status.getReasonPhrase());
        page.addObject("detail", detail);
        return page;
    }

    /** Addresses under /ui/ that no page answers, and refusals forwarded here by the security chain. */
    @Controller
    static class Pages {

        @RequestMapping("/ui/denied")
        ModelAndView denied(HttpServletRequest request, HttpServletResponse response) {
            Object cause = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
            String detail = cause instanceof CsrfException
                    ? "This form has expired or did not come from this dashboard. Reload the page and try again."
                    : cause instanceof AccessDeniedException
                            ? "Your API key's role does not allow this."
                            : "This is not allowed.";
            return page(HttpStatus.FORBIDDEN, detail);
        }

        @RequestMapping("/ui/**")
        ModelAndView notFound(Model model) {
            return page(HttpStatus.NOT_FOUND, "There is no dashboard page at this address.");
        }
    }
}
