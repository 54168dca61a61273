package io.github.alationgateway.demo;

import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three Alation APIs the gateway calls (ALATION.md §2 and §5), answered from {@link SimulatedAlation}. Hidden
 * from the gateway's OpenAPI document: this is Alation's API, not the gateway's.
 */
@Hidden
@RestController
@Profile({"demo", "demo-alation"})
class SimulatedAlationController {

    private final SimulatedAlation alation;
    private final ObjectMapper json;

    SimulatedAlationController(SimulatedAlation alation, ObjectMapper json) {
        this.alation = alation;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/bulk_metadata/job/", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> job(
            @RequestHeader(name = "TOKEN", required = false) String token,
            @RequestParam(required = false) Long id,
            @RequestParam(required = false) String name) {
        if (!alation.accepts(token)) return error(HttpStatus.UNAUTHORIZED, "detail", "Invalid token.");
        if ((id == null) == (name == null)) {
            return error(HttpStatus.BAD_REQUEST, "detail", "Provide exactly one of id and name.");
        }
        return alation.status(id, name)
                .map(ResponseEntity::ok)
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "detail", "Not found."));
    }

    @PostMapping(
            path = "/integration/v1/createAPIAccessToken/",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> createAccessToken(@RequestBody JsonNode body) {
        Long userId =
                body.path("user_id").canConvertToLong() ? body.path("user_id").asLong() : null;
        return alation.mintForRefreshToken(body.path("refresh_token").asString(null), userId)
                .map(minted -> ResponseEntity.ok(json.createObjectNode()
                        .put("api_access_token", minted.token())
                        .put("user_id", userId)
                        .put("token_expires_at", minted.expiresAt().toString())
                        .put("token_status", "ACTIVE")))
                .orElseGet(() -> error(HttpStatus.UNAUTHORIZED, "detail", "Invalid refresh token or user id."));
    }

    /** Form fields, or HTTP Basic as some OAuth clients send them. */
    @PostMapping(
            path = "/oauth/v2/token",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> oauthToken(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(HttpStatus.BAD_REQUEST, "error", "unsupported_grant_type");
        }
        String clientId = form.get("client_id");
        String clientSecret = form.get("client_secret");
        Optional<String[]> basic = basic(authorization);
        if (basic.isPresent()) {
            clientId = basic.get()[0];
            clientSecret = basic.get()[1];
        }
        return alation.mintForClient(clientId, clientSecret)
                .map(minted -> ResponseEntity.ok(json.createObjectNode()
                        .put("access_token", minted.token())
                        .put("expires_in", minted.lifetime().toSeconds())
                        .put("token_type", "Bearer")))
                .orElseGet(() -> error(HttpStatus.UNAUTHORIZED, "error", "invalid_client"));
    }

    private static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return Optional.empty();
        try {
            String pair = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ResponseEntity<ObjectNode> error(HttpStatus status, String field, String message) {
        return ResponseEntity.status(status).body(json.createObjectNode().put(field, message));
    }
}
