package io.github.alationgateway.ui;

import io.github.alationgateway.webhooks.EndpointView;
import io.github.alationgateway.webhooks.WebhookAdmin;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Webhooks for admins (the security chain keeps {@code /ui/admin/**} to them): each endpoint with its state, and
 * one endpoint's deliveries, failed ones first, each with a button to send it again. The rules are the API's,
 * through {@link WebhookAdmin}.
 */
@Controller
class WebhooksPage {

    static final int PAGE_SIZE = 25;

    private final WebhookAdmin admin;

    WebhooksPage(WebhookAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/ui/admin/webhooks")
    String page(
            @RequestParam(required = false) String endpoint,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            Model model) {
        List<EndpointView> endpoints = admin.endpoints();
        model.addAttribute("endpoints", endpoints);
        String shown = endpoint != null ? endpoint : firstWithFailures(endpoints);
        String shownStatus = status != null ? status : "failed";
        model.addAttribute("shown", shown);
        model.addAttribute("shownStatus", shownStatus);
        model.addAttribute("statuses", WebhookAdmin.STATUSES);
        if (shown != null) {
            WebhookAdmin.DeliveryPage page = admin.deliveries(shown, shownStatus, PAGE_SIZE, cursor);
            model.addAttribute("deliveries", page.items());
            model.addAttribute(
                    "nextHref", page.nextCursor() == null ? null : href(shown, shownStatus, page.nextCursor()));
            model.addAttribute("firstHref", cursor == null ? null : href(shown, shownStatus, null));
        }
        return "ui/webhooks";
    }

    @PostMapping("/ui/admin/webhooks/{name}/deliveries/{id}/retry")
    String retry(
            @PathVariable String name,
            @PathVariable long id,
            @RequestParam(required = false) String status,
            RedirectAttributes redirect) {
        admin.retry(name, id);
        redirect.addFlashAttribute("notice", "Delivery " + id + " to '" + name + "' is sent again now.");
        return "redirect:" + href(name, status, null);
    }

    @PostMapping("/ui/admin/webhooks/{name}/enable")
    String enable(@PathVariable String name, RedirectAttributes redirect) {
        admin.enable(name);
        redirect.addFlashAttribute("notice", "Endpoint '" + name + "' is enabled; its waiting deliveries go out.");
        return "redirect:" + href(name, null, null);
    }

    /** The endpoint a visit starts on: the first with failed deliveries, else the first. */
    private static String firstWithFailures(List<EndpointView> endpoints) {
        return endpoints.stream()
                .filter(e -> e.failed() > 0)
                .findFirst()
                .or(() -> endpoints.stream().findFirst())
                .map(EndpointView::name)
                .orElse(null);
    }

    private static String href(String endpoint, String status, String cursor) {
        return UriComponentsBuilder.fromPath("/ui/admin/webhooks")
                .queryParam("endpoint", endpoint)
                .queryParamIfPresent("status", java.util.Optional.ofNullable(status))
                .queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor))
                .encode()
                .build()
                .toUriString();
    }
}
