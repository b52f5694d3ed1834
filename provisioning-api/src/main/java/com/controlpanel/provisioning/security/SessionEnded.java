package com.controlpanel.provisioning.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;

/**
 * A Control Panel page used after its session ended (signed out in another tab, timed out): the sign-in says the
 * session ended, and returns, once signed in, to the page the admin was on. A link asked for is that page itself (the
 * request cache keeps it); a search on a page (an htmx fragment) returns to the page, as the browser shows it
 * ({@code HX-Current-URL}); a form returns to the page it was sent from ({@code Referer}), what it held not kept.
 * Only a page of this Control Panel is returned to: same scheme, host and port, never the sign-in or an error page.
 */
final class SessionEnded {

    static final String SIGN_IN = "/login?expired";

    /** Where {@code HttpSessionRequestCache} keeps the request to return to. */
    private static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

    private SessionEnded() {}

    /** An htmx request (a search, a page's part): the whole page goes to the sign-in, and returns to it after. */
    static void htmxToSignIn(HttpServletRequest request, HttpServletResponse response) {
        returnTo(request, request.getHeader("HX-Current-URL"));
        response.setHeader("HX-Redirect", SIGN_IN);
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
    }

    /** Keeps this page (an absolute URL the browser sent) as the one to return to after sign-in, if it is one. */
    static void returnTo(HttpServletRequest request, String pageUrl) {
        String page = page(request, pageUrl);
        if (page != null) {
            request.getSession(true).setAttribute(SAVED_REQUEST, new SimpleSavedRequest(page));
        }
    }

    /** Whether the request was made from a page of this Control Panel (a link clicked on it), not typed or bookmarked. */
    static boolean fromAPage(HttpServletRequest request) {
        return page(request, request.getHeader(HttpHeaders.REFERER)) != null;
    }

    /** The path and query of a page of this Control Panel at that URL, without the context path; else null. */
    static String page(HttpServletRequest request, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String path = uri.getRawPath();
        String context = request.getContextPath();
        if (!request.getScheme().equalsIgnoreCase(Objects.requireNonNullElse(uri.getScheme(), ""))
                || !request.getServerName().equalsIgnoreCase(Objects.requireNonNullElse(uri.getHost(), ""))
                || port(uri) != request.getServerPort()
                || path == null
                || !path.startsWith(context + "/")) {
            return null;
        }
        String inApp = path.substring(context.length());
        if (inApp.startsWith("//") || inApp.contains("\\") || inApp.contains("%5C") || inApp.contains("%5c")) {
            // "//host/…" is another site to a browser following a redirect
            return null;
        }
        if (inApp.equals("/login")
                || inApp.startsWith("/login/")
                || inApp.startsWith("/error")
                || inApp.startsWith("/logout")) {
            return null;
        }
        return uri.getRawQuery() == null ? inApp : inApp + "?" + uri.getRawQuery();
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
