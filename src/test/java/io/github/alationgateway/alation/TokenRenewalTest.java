package io.github.alationgateway.alation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.alationgateway.alation.Instances.NAME;
import static io.github.alationgateway.alation.Instances.anInstance;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenRenewalTest {

    private static final String MINT = "/integration/v1/createAPIAccessToken/";
    private static final String OAUTH = "/oauth/v2/token/";
    private static final String STATUS = "/api/v1/bulk_metadata/job/";

    @RegisterExtension
    static WireMockExtension alation = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(30))
            .build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T06:00:00Z"));

    private RestAlationClient refreshTokenClient() {
        return anInstance(alation.baseUrl()).refreshToken("refresh-s3cret", 7).client(clock);
    }

    private RestAlationClient oauthClient() {
        return anInstance(alation.baseUrl())
                .clientCredentials("gateway", "client-s3cret")
                .client(clock);
    }

    private static String minted(String token, Instant expiresAt) {
        return "{\"api_access_token\":\"" + token + "\",\"user_id\":7,\"created_at\":\"2026-11-29T06:00:00Z\","
                + "\"token_expires_at\":\"" + expiresAt + "\",\"token_status\":\"ACTIVE\"}";
    }

    private void statusAcceptsOnly(String token) {
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(401)));
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .withHeader("TOKEN", equalTo(token))
                .willReturn(okJson("{\"status\":\"running\"}")));
    }

    @Test
    void mintsFromTheRefreshTokenOnceAndRenewsBeforeExpiry() {
        // GIVEN tokens living one hour; the second mint answers a second token
        Instant start = clock.instant();
        alation.stubFor(post(urlEqualTo(MINT))
                .inScenario("mint")
                .whenScenarioStateIs(STARTED)
                .withRequestBody(equalToJson("{\"refresh_token\":\"refresh-s3cret\",\"user_id\":7}"))
                .willReturn(okJson(minted("access-1", start.plus(Duration.ofHours(1)))))
                .willSetStateTo("second"));
        alation.stubFor(post(urlEqualTo(MINT))
                .inScenario("mint")
                .whenScenarioStateIs("second")
                .willReturn(okJson(minted("access-2", start.plus(Duration.ofHours(2))))));
        statusAcceptsOnly("access-1");
        RestAlationClient client = refreshTokenClient();

        // WHEN two calls within the token's life
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(2))).isInstanceOf(JobStatusAnswer.Status.class);

        // THEN one mint
        alation.verify(1, postRequestedFor(urlEqualTo(MINT)));

        // WHEN the clock reaches the renewal margin (5 minutes before expiry)
        statusAcceptsOnly("access-2");
        clock.advance(Duration.ofMinutes(55));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(3))).isInstanceOf(JobStatusAnswer.Status.class);

        // THEN the token was renewed before Alation could reject it
        alation.verify(2, postRequestedFor(urlEqualTo(MINT)));
        alation.verify(
                0,
                getRequestedFor(urlPathEqualTo(STATUS))
                        .withHeader("TOKEN", equalTo("access-1"))
                        .withQueryParam("id", equalTo("3")));
    }

    @Test
    void aFailedRenewalAheadOfExpiryKeepsUsingTheValidTokenUntilItExpires() {
        // GIVEN a token for one hour, then a token endpoint that fails
        alation.stubFor(post(urlEqualTo(MINT))
                .inScenario("mint")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(minted("access-1", clock.instant().plus(Duration.ofHours(1)))))
                .willSetStateTo("down"));
        alation.stubFor(post(urlEqualTo(MINT))
                .inScenario("mint")
                .whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(503)));
        statusAcceptsOnly("access-1");
        RestAlationClient client = refreshTokenClient();
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);

        // WHEN inside the renewal margin
        clock.advance(Duration.ofMinutes(56));
        JobStatusAnswer renewalFailed = client.fetchStatus(NAME, AlationJobRef.ofId(1));
        JobStatusAnswer soonAfter = client.fetchStatus(NAME, AlationJobRef.ofId(1));

        // THEN the polls go on with the old token, and the renewal is retried a little later, not at every call
        assertThat(renewalFailed).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(soonAfter).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(2, postRequestedFor(urlEqualTo(MINT)));
        clock.advance(MintedTokenSource.RENEWAL_RETRY);
        client.fetchStatus(NAME, AlationJobRef.ofId(1));
        alation.verify(3, postRequestedFor(urlEqualTo(MINT)));

        // WHEN the token has expired and still no new one can be had
        clock.advance(Duration.ofMinutes(4));
        JobStatusAnswer expired = client.fetchStatus(NAME, AlationJobRef.ofId(1));

        // THEN
        assertThat(expired)
                .isEqualTo(new JobStatusAnswer.Unavailable("could not get an access token: Alation answered HTTP 503"));
    }

    @Test
    void renewsOnceOn401AndRetries() {
        Instant start = clock.instant();
        alation.stubFor(post(urlEqualTo(MINT))
                .inScenario("mint")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson(minted("revoked", start.plus(Duration.ofHours(24)))))
                .willSetStateTo("second"));
        alation.stubFor(post(urlEqualTo(MINT))
                .inScenario("mint")
                .whenScenarioStateIs("second")
                .willReturn(okJson(minted("fresh", start.plus(Duration.ofHours(24))))));
        statusAcceptsOnly("fresh");

        JobStatusAnswer answer = refreshTokenClient().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(2, postRequestedFor(urlEqualTo(MINT)));
        alation.verify(2, getRequestedFor(urlPathEqualTo(STATUS)));
    }

    @Test
    void aSecond401AfterRenewalIsRejectedCredentialsWithoutFurtherRetries() {
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson(minted("useless", clock.instant().plus(Duration.ofHours(1))))));
        alation.stubFor(get(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(401)));

        JobStatusAnswer answer = refreshTokenClient().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer)
                .isEqualTo(new JobStatusAnswer.CredentialsRejected(
                        "Alation rejected a freshly minted access token (HTTP 401)"));
        alation.verify(2, postRequestedFor(urlEqualTo(MINT)));
        alation.verify(2, getRequestedFor(urlPathEqualTo(STATUS)));
    }

    @Test
    void oauthClientCredentialsAreMintedRenewedAndRetriedTheSameWay() {
        alation.stubFor(post(urlEqualTo(OAUTH))
                .inScenario("oauth")
                .whenScenarioStateIs(STARTED)
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo("gateway"))
                .withFormParam("client_secret", equalTo("client-s3cret"))
                .willReturn(okJson("{\"access_token\":\"jwt-1\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"))
                .willSetStateTo("second"));
        alation.stubFor(post(urlEqualTo(OAUTH))
                .inScenario("oauth")
                .whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"jwt-2\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"))
                .willSetStateTo("third"));
        alation.stubFor(post(urlEqualTo(OAUTH))
                .inScenario("oauth")
                .whenScenarioStateIs("third")
                .willReturn(okJson("{\"access_token\":\"jwt-3\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        statusAcceptsOnly("jwt-1");
        RestAlationClient client = oauthClient();

        // first token, reused
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        clock.advance(Duration.ofMinutes(54));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(1, postRequestedFor(urlEqualTo(OAUTH)));

        // renewed ahead of expiry (5 minutes before)
        statusAcceptsOnly("jwt-2");
        clock.advance(Duration.ofMinutes(2));
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(2, postRequestedFor(urlEqualTo(OAUTH)));

        // Alation revokes jwt-2 early: renewed on the 401, call retried once
        statusAcceptsOnly("jwt-3");
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        alation.verify(3, postRequestedFor(urlEqualTo(OAUTH)));
    }

    @Test
    void onlyOneThreadMintsAtATime() throws Exception {
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson(minted("shared", clock.instant().plus(Duration.ofHours(1))))
                        .withFixedDelay(150)));
        statusAcceptsOnly("shared");
        RestAlationClient client = anInstance(alation.baseUrl())
                .refreshToken("refresh-s3cret", 7)
                .timeout(Duration.ofSeconds(5))
                .client(clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JobStatusAnswer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long id = i;
                calls.add(() -> client.fetchStatus(NAME, AlationJobRef.ofId(id)));
            }
            for (Future<JobStatusAnswer> answer : pool.invokeAll(calls)) {
                assertThat(answer.get()).isInstanceOf(JobStatusAnswer.Status.class);
            }
        } finally {
            pool.shutdownNow();
        }
        alation.verify(1, postRequestedFor(urlEqualTo(MINT)));
    }

    @Test
    void aSlowRenewalAndASlowCallShareOneRequestTimeout() {
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson(minted("slow", clock.instant().plus(Duration.ofHours(1))))
                        .withFixedDelay(300)));
        alation.stubFor(get(urlPathEqualTo(STATUS))
                .willReturn(okJson("{\"status\":\"running\"}").withFixedDelay(300)));
        RestAlationClient client = anInstance(alation.baseUrl())
                .refreshToken("refresh-s3cret", 7)
                .timeout(Duration.ofMillis(400))
                .client(clock);

        long start = System.nanoTime();
        JobStatusAnswer answer = client.fetchStatus(NAME, AlationJobRef.ofId(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer).isEqualTo(new JobStatusAnswer.Unavailable("no answer within 400ms"));
        // Each alone fits the timeout; together they do not, and the call ends at the timeout.
        assertThat(took).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void mintingRefusedInABody200IsRejectedCredentialsAndRecovers() {
        // GIVEN Alation refuses the refresh token the way some of its token calls do: 200 with status failed
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson("{\"status\":\"failed\",\"msg\":\"refresh-s3cret is not valid\"}")));
        RestAlationClient client = refreshTokenClient();

        // WHEN
        JobStatusAnswer first = client.fetchStatus(NAME, AlationJobRef.ofId(1));
        JobStatusAnswer second = client.fetchStatus(NAME, AlationJobRef.ofId(1));

        // THEN rejected, and Alation's token endpoint is not asked again at every poll
        assertThat(first)
                .isEqualTo(new JobStatusAnswer.CredentialsRejected(
                        "Alation rejected the refresh token of user 7 (answer said status failed)"));
        assertThat(second).isEqualTo(first);
        alation.verify(1, postRequestedFor(urlEqualTo(MINT)));
        alation.verify(0, getRequestedFor(urlPathEqualTo(STATUS)));

        // WHEN the operator fixes the credentials on Alation's side, and the hold-off passes
        alation.stubFor(post(urlEqualTo(MINT))
                .willReturn(okJson(minted("good", clock.instant().plus(Duration.ofHours(1))))));
        statusAcceptsOnly("good");
        clock.advance(MintedTokenSource.REJECTION_HOLD.plusSeconds(1));

        // THEN
        assertThat(client.fetchStatus(NAME, AlationJobRef.ofId(1))).isInstanceOf(JobStatusAnswer.Status.class);
        assertThat(client.health().get(NAME).health().getDetails()).containsEntry("credentials", "accepted");
    }

    @Test
    void a401FromTheTokenEndpointIsRejectedCredentials() {
        alation.stubFor(post(urlEqualTo(OAUTH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));

        JobStatusAnswer answer = oauthClient().fetchStatus(NAME, AlationJobRef.ofId(1));

        assertThat(answer)
                .isEqualTo(new JobStatusAnswer.CredentialsRejected(
                        "Alation rejected the OAuth client credentials of client gateway (HTTP 401)"));
    }

    @Test
    void aTokenEndpointThatFailsIsUnavailableNotRejected() {
        alation.stubFor(post(urlEqualTo(MINT)).willReturn(aResponse().withStatus(502)));

        assertThat(refreshTokenClient().fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.Unavailable("could not get an access token: Alation answered HTTP 502"));
    }

    @Test
    void anInactiveMintedTokenIsRejected() {
        alation.stubFor(
                post(urlEqualTo(MINT)).willReturn(okJson("{\"api_access_token\":\"x\",\"token_status\":\"EXPIRED\"}")));

        assertThat(refreshTokenClient().fetchStatus(NAME, AlationJobRef.ofId(1)))
                .isEqualTo(new JobStatusAnswer.CredentialsRejected(
                        "Alation minted a token with status EXPIRED from the refresh token of user 7"));
    }
}
