package io.github.alationgateway.ui;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page shows around its content: who is signed in, what they may do, how times read. */
@ControllerAdvice(basePackageClasses = UiModel.class)
class UiModel {

    /** Looked up when a page renders: web slice tests load this advice without the dashboard's settings. */
    private final ObjectProvider<DashboardProperties> settings;

    UiModel(ObjectProvider<DashboardProperties> settings) {
        this.settings = settings;
    }

    @ModelAttribute
    void common(HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAllAttributes(common(request));
    }

    /** Also for error pages, whose model the {@code @ModelAttribute} methods do not fill. */
    java.util.Map<String, Object> common(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        java.util.Map<String, Object> model = new java.util.HashMap<>();
        model.put("caller", principal == null ? null : principal.getName());
        model.put("role", role(request));
        model.put("writer", request.isUserInRole("WRITER"));
        model.put("refreshMillis", settings.getObject().refreshEvery().toMillis());
        model.put("times", TIMES);
        return model;
    }

    private static String role(HttpServletRequest request) {
        if (request.isUserInRole("ADMIN")) return "admin";
        if (request.isUserInRole("WRITER")) return "writer";
        if (request.isUserInRole("READER")) return "reader";
        return null;
    }

    static final Times TIMES = new Times();

    /** Times as the server writes them: UTC, which the page's script turns into the reader's own zone. */
    static final class Times {

        private static final DateTimeFormatter UTC =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
        private static final DateTimeFormatter HOUR =
                DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

        public String utc(Instant at) {
            return at == null ? "" : UTC.format(at);
        }

        public String iso(Instant at) {
            return at == null ? "" : at.toString();
        }

        public String hour(Instant at) {
            return at == null ? "" : HOUR.format(at);
        }
    }
}
