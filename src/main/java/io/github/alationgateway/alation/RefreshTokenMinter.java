package io.github.alationgateway.alation;

import java.net.URI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code POST /integration/v1/createAPIAccessToken/} with a refresh token and the user id it belongs to. */
final class RefreshTokenMinter implements TokenMinter {

    private final AlationHttp http;
    private final TokenAnswers answers;
    private final URI endpoint;
    private final byte[] body;
    private final String what;

    RefreshTokenMinter(
            AlationHttp http, TokenAnswers answers, ObjectMapper json, URI baseUrl, String refreshToken, long userId) {
        this.http = http;
        this.answers = answers;
        this.endpoint = AlationUris.resolve(baseUrl, "/integration/v1/createAPIAccessToken/");
        this.body = json.writeValueAsBytes(
                json.createObjectNode().put("refresh_token", refreshToken).put("user_id", userId));
        this.what = "refresh token of user " + userId;
    }

    @Override
    public MintedToken mint(long deadline) {
        JsonNode doc = answers.accepted(http.post(endpoint, "application/json", body, deadline), what);
        String status = TokenAnswers.text(doc, "token_status");
        if (status != null && !"ACTIVE".equalsIgnoreCase(status)) {
            throw AnswerException.rejected("Alation minted a token with status " + status + " from the " + what);
        }
        return new MintedToken(answers.requiredToken(doc, "api_access_token"), answers.lifetime(doc));
    }

    @Override
    public String describe() {
        return what;
    }
}
