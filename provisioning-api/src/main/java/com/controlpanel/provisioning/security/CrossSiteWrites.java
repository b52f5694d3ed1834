package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.config.ProvisioningProperties;
import com.controlpanel.provisioning.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a change to the JSON API sent by another site's page. A browser that was once given the API's HTTP Basic
 * credentials sends them again on its own, also with a form another site posts to {@code /api/...}: without this, a
 * page the admin merely visits could switch provisioning off or issue new credentials (both break Okta at once). A
 * browser says where such a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); scripts send neither, and
 * are let through. Reads are let through too: a page of another site can not read their answers.
 */
final class CrossSiteWrites extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String publicOrigin;

    CrossSiteWrites(ProvisioningProperties properties) {
        this.publicOrigin = properties.publicBaseUrl() == null ? null : origin(properties.publicBaseUrl());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (READS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || !crossSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        ProblemResponses.write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "cross-site-request",
                "Refused: this change was sent by a page of another site (" + whence(request)
                        + "). Call the API from a script, which sends no Origin, or use the Control Panel.");
    }

    /** What told the request's site: the browser's {@code Sec-Fetch-Site} if it sent one, else the {@code Origin}. */
    private static String whence(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        return fetchSite != null
                ? "Sec-Fetch-Site: " + fetchSite.strip()
                : "Origin " + request.getHeader(HttpHeaders.ORIGIN);
    }

    private boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // set by the browser itself, never by a page: trusted either way
            String site = fetchSite.strip().toLowerCase(Locale.ROOT);
            return !(site.equals("same-origin") || site.equals("none"));
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        String given = origin(origin.strip());
        if (given == null) {
            // "null" (a sandboxed page, a file, some redirects) or no origin at all: from no page of this service
            return true;
        }
        if (given.equals(publicOrigin)) {
            return false;
        }
        // this service's own address as the browser used it (a proxy in front may change the scheme, not the host)
        String host = request.getHeader(HttpHeaders.HOST);
        return host == null
                || !withoutDefaultPort(given.substring(given.indexOf("://") + 3))
                        .equals(withoutDefaultPort(host.strip().toLowerCase(Locale.ROOT)));
    }

    /** {@code host:80} and {@code host:443} as {@code host}: a browser leaves the default port out, a proxy may not. */
    private static String withoutDefaultPort(String hostAndPort) {
        return hostAndPort.endsWith(":80") || hostAndPort.endsWith(":443")
                ? hostAndPort.substring(0, hostAndPort.lastIndexOf(':'))
                : hostAndPort;
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL, in lower case; null for anything else. */
    private static String origin(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getRawAuthority() == null
                    || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
            String defaultPort = scheme.equalsIgnoreCase("https") ? ":443" : ":80";
            if (authority.endsWith(defaultPort)) {
                authority = authority.substring(0, authority.length() - defaultPort.length());
            }
            return scheme.toLowerCase(Locale.ROOT) + "://" + authority;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
