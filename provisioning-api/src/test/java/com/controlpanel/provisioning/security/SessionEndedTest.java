package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The page a sign-in returns to comes from headers the browser sent (HX-Current-URL, Referer), which anyone can
 * write: only a page of this Control Panel is taken, never another site, the sign-in or an error page.
 */
class SessionEndedTest {

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orgs/o/members");

    SessionEndedTest() {
        request.setScheme("http");
        request.setServerName("cp.example.com");
        request.setServerPort(8080);
    }

    @Test
    void aPageOfThisControlPanelIsItsPathAndQuery() {
        assertThat(SessionEnded.page(request, "http://cp.example.com:8080/orgs/o/teams?q=sup&offset=20"))
                .isEqualTo("/orgs/o/teams?q=sup&offset=20");
        assertThat(SessionEnded.page(request, "http://CP.example.com:8080/orgs/o/members"))
                .isEqualTo("/orgs/o/members");
    }

    @Test
    void anotherSiteOrPortOrSchemeIsNone() {
        assertThat(SessionEnded.page(request, "http://evil.example/orgs/o/teams"))
                .isNull();
        assertThat(SessionEnded.page(request, "http://cp.example.com:9090/orgs/o/teams"))
                .isNull();
        assertThat(SessionEnded.page(request, "https://cp.example.com:8080/orgs/o/teams"))
                .isNull();
        assertThat(SessionEnded.page(request, "//cp.example.com:8080/orgs/o/teams"))
                .isNull();
        assertThat(SessionEnded.page(request, "/orgs/o/teams"))
                .as("no origin said")
                .isNull();
    }

    @Test
    void aPathABrowserWouldReadAsAnotherSiteIsNone() {
        assertThat(SessionEnded.page(request, "http://cp.example.com:8080//evil.example/x"))
                .isNull();
        assertThat(SessionEnded.page(request, "http://cp.example.com:8080/%5Cevil.example/x"))
                .isNull();
    }

    @Test
    void theSignInAndErrorPagesAreNone() {
        assertThat(SessionEnded.page(request, "http://cp.example.com:8080/login?expired"))
                .isNull();
        assertThat(SessionEnded.page(request, "http://cp.example.com:8080/error"))
                .isNull();
        assertThat(SessionEnded.page(request, "http://cp.example.com:8080/logout"))
                .isNull();
        assertThat(SessionEnded.page(request, "not a url at all")).isNull();
        assertThat(SessionEnded.page(request, null)).isNull();
    }

    @Test
    void aLinkFromAPageOfThisControlPanelIsOneFromAPage() {
        request.addHeader("Referer", "http://cp.example.com:8080/orgs/o/members");
        assertThat(SessionEnded.fromAPage(request)).isTrue();
        MockHttpServletRequest typed = new MockHttpServletRequest("GET", "/orgs/o/members");
        assertThat(SessionEnded.fromAPage(typed)).isFalse();
    }
}
