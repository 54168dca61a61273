package io.github.alationgateway.ui;

import io.github.alationgateway.security.KeySessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form: one field, the API key. A refusal says that it failed, never why. Only where a web server
 * runs, as the security chain that makes sessions does.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SignInPage {

    static final String FAILED = "Sign-in failed.";

    private final KeySessions sessions;
    private final DashboardProperties settings;

    SignInPage(KeySessions sessions, DashboardProperties settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/ui/";
    }

    @GetMapping("/ui")
    String ui() {
        return "redirect:/ui/";
    }

    @GetMapping("/ui/sign-in")
    String form(
            @RequestParam(required = false) String next,
            @RequestParam(name = "failed", required = false) String failed,
            @RequestParam(name = "signed_out", required = false) String signedOut,
            Authentication authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (authentication != null && new AuthenticationTrustResolverImpl().isAuthenticated(authentication)) {
            return "redirect:" + safe(next);
        }
        // The demo opens on its dashboard; after a sign-out it shows the form, so that signing out is visible.
        if (settings.demoKey() != null && signedOut == null && failed == null) {
            if (sessions.signIn(settings.demoKey(), settings.sessionTimeout(), request, response)
                    .signedIn()) {
                return "redirect:" + safe(next);
            }
        }
        model.addAttribute("next", safe(next));
        if (failed != null) model.addAttribute("message", FAILED);
        if (signedOut != null) model.addAttribute("notice", "Signed out.");
        if (settings.demoKey() != null) model.addAttribute("demoKey", settings.demoKey());
        return "ui/sign-in";
    }

    @PostMapping("/ui/sign-in")
    String signIn(
            @RequestParam(name = "api_key", required = false) String key,
            @RequestParam(required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        KeySessions.Attempt attempt = sessions.signIn(key, settings.sessionTimeout(), request, response);
        if (attempt.signedIn()) return "redirect:" + safe(next);
        if (attempt.retryAfterSeconds() > 0) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(attempt.retryAfterSeconds()));
            model.addAttribute("next", safe(next));
            model.addAttribute(
                    "message",
                    "Too many sign-in attempts from this address; try again in " + attempt.retryAfterSeconds() + " s.");
            return "ui/sign-in";
        }
        return "redirect:/ui/sign-in?failed&next="
                + java.net.URLEncoder.encode(safe(next), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Only a dashboard address of this gateway: a sign-in link must not send anyone elsewhere. */
    static String safe(String next) {
        if (next == null
                || !next.startsWith("/ui/")
                || next.startsWith("/ui/sign-")
                || next.contains("//")
                || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/ui/";
        }
        return next;
    }
}
