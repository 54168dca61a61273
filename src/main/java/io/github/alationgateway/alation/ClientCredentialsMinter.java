package io.github.alationgateway.alation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * OAuth 2.0 client credentials grant at {@code POST /oauth/v2/token/}. The trailing slash is how Alation documents
 * the endpoint; Django does not redirect a POST that lacks it.
 */
final class ClientCredentialsMinter implements TokenMinter {

    private final AlationHttp http;
    private final TokenAnswers answers;
    private final URI endpoint;
    private final byte[] form;
    private final String what;

    ClientCredentialsMinter(AlationHttp http, TokenAnswers answers, URI baseUrl, String clientId, String clientSecret) {
        this.http = http;
        this.answers = answers;
        this.endpoint = AlationUris.resolve(baseUrl, "/oauth/v2/token/");
        this.form = ("grant_type=client_credentials&client_id=" + formEncode(clientId) + "&client_secret="
                        + formEncode(clientSecret))
                .getBytes(StandardCharsets.UTF_8);
        this.what = "OAuth client credentials of client " + clientId;
    }

    @Override
    public MintedToken mint(long deadline) {
        JsonNode doc = answers.accepted(http.post(endpoint, "application/x-www-form-urlencoded", form, deadline), what);
        String token = answers.requiredToken(doc, "access_token");
        JsonNode expiresIn = doc.get("expires_in");
        return new MintedToken(
                token,
                expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                        ? Duration.ofSeconds(expiresIn.asLong())
                        : null);
    }

    @Override
    public String describe() {
        return what;
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
