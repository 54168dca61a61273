package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.test.web.servlet.MvcResult;

/** Who gets which dashboard page, and that the dashboard's session never opens the JSON API. */
class DashboardSecurityTest extends DashboardGateway {

    @Test
    void theRootOpensTheDashboard() throws Exception {
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/ui/"));
    }

    @Test
    void withoutASessionEveryPageGoesToSignInAndComesBackAfterwards() throws Exception {
        for (String page : new String[] {"/ui/", "/ui/jobs", "/ui/jobs/some-id", "/ui/overview/live"}) {
            mvc.perform(get(page))
                    .andExpect(status().isFound())
                    .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/ui/sign-in?next=")));
        }
        mvc.perform(get("/ui/jobs?status=failed"))
                .andExpect(redirectedUrl("/ui/sign-in?next=%2Fui%2Fjobs%3Fstatus%3Dfailed"));
    }

    @Test
    void signInWithoutACsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/ui/sign-in").param("api_key", WRITER_KEY))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/ui/denied"));
        // The page the refusal is forwarded to, as the browser gets it.
        mvc.perform(get("/ui/denied")
                        .session(signIn(READER_KEY))
                        .requestAttr(
                                WebAttributes.ACCESS_DENIED_403,
                                new InvalidCsrfTokenException(new DefaultCsrfToken("X", "_csrf", "a"), "b")))
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Reload the page")));
    }

    @Test
    void aPostWithoutCsrfIsRefusedEvenWithASession() throws Exception {
        MockHttpSession session = signIn(WRITER_KEY);
        mvc.perform(post("/ui/jobs/any-id/poll").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/ui/sign-out").session(session)).andExpect(status().isForbidden());
    }

    @Test
    void theSessionCookieAloneGets401FromTheApi() throws Exception {
        MockHttpSession session = signIn(io.github.alationgateway.support.GatewayApi.TEST_ADMIN_KEY);
        mvc.perform(get("/ui/jobs").session(session)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/jobs").session(session)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/jobs").cookie(new Cookie("JSESSIONID", session.getId())))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aFailedSignInSaysSoWithoutSayingWhy() throws Exception {
        for (String key : new String[] {"wrong-key", "", WRITER_KEY + "x"}) {
            MockHttpSession anonymous = new MockHttpSession();
            MvcResult refused = mvc.perform(post("/ui/sign-in")
                            .session(anonymous)
                            .param("_csrf", csrfToken(anonymous))
                            .param("api_key", key)
                            .param("next", "/ui/jobs"))
                    .andExpect(status().isFound())
                    .andReturn();
            assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/ui/sign-in?failed&next=%2Fui%2Fjobs");
            assertThat(refused.getRequest().getSession(false) == null
                            || refused.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null)
                    .isTrue();
        }
        mvc.perform(get("/ui/sign-in").param("failed", ""))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(SignInPage.FAILED)));
    }

    @Test
    void signInGoesBackOnlyToADashboardPage() throws Exception {
        for (String next : new String[] {"https://evil.example/", "//evil.example/ui/", "/api/v1/jobs", "/ui/\\evil"}) {
            MockHttpSession anonymous = new MockHttpSession();
            mvc.perform(post("/ui/sign-in")
                            .session(anonymous)
                            .param("_csrf", csrfToken(anonymous))
                            .param("api_key", READER_KEY)
                            .param("next", next))
                    .andExpect(redirectedUrl("/ui/"));
        }
    }

    @Test
    void theSessionEndsAfterTheConfiguredIdleTime() throws Exception {
        MockHttpSession session = signIn(READER_KEY);
        assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);
    }

    @Test
    void aReaderMayNotPollAndGetsAPageSayingSo() throws Exception {
        MockHttpSession session = signIn(READER_KEY);
        mvc.perform(post("/ui/jobs/any-id/poll").session(session).param("_csrf", csrfToken(session)))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/ui/denied"));
        mvc.perform(get("/ui/denied")
                        .session(session)
                        .requestAttr(WebAttributes.ACCESS_DENIED_403, new AccessDeniedException("role")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("role does not allow")));
    }

    @Test
    void pagesThatDoNotExistAnswerInTheDashboardsStyle() throws Exception {
        MockHttpSession session = signIn(READER_KEY);
        mvc.perform(get("/ui/no-such-page").session(session))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no dashboard page")));
        mvc.perform(get("/ui/jobs/no-such-job").session(session))
                .andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("No job with id")));
        mvc.perform(get("/ui/jobs").param("status", "finished").session(session))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Unknown status")));
    }

    @Test
    void pagesAllowNothingFromAnotherOrigin() throws Exception {
        mvc.perform(get("/ui/sign-in"))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")));
    }

    /** The CSRF token a form of this session carries, read from the sign-in page as a browser would. */
}
