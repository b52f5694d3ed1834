package com.controlpanel.provisioning.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How long a browser keeps the Control Panel's stylesheets, scripts and images. The pages name each by an address that
 * carries a digest of its content ({@code control-panel-<md5>.css}, Spring's content version strategy, set in
 * {@code application.yml}): such an address always answers the same bytes, so a browser keeps it for a year without
 * asking again, and a new release's pages name new addresses. An asset's plain address (the container's error page
 * names it so, see {@link ControlPanelErrorPage}) is kept but asked again each time, answered 304 while unchanged. What
 * is not found is not kept. Every page stays {@code no-store} (Spring Security's default): it shows members' data.
 */
public final class StaticAssetCaching extends OncePerRequestFilter {

    /** An address whose content never changes: kept a year (as long as caches usually keep anything), not asked again. */
    private static final String VERSIONED = "public, max-age=31536000, immutable";

    /** A plain address: kept, but asked again before each use (RFC 9111 §5.2.2.4). */
    private static final String PLAIN = "no-cache";

    /** The digest Spring's content version strategy puts before a file's extension: 32 hexadecimal digits (MD5). */
    private static final Pattern DIGEST_IN_NAME = Pattern.compile("-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(
                HttpHeaders.CACHE_CONTROL,
                DIGEST_IN_NAME.matcher(Edge.path(request)).find() ? VERSIONED : PLAIN);
        chain.doFilter(request, new NotKeptOnError(response));
    }

    /** A 404 (or any error) for an asset's address is not kept: the next release may serve it. */
    private static final class NotKeptOnError extends HttpServletResponseWrapper {

        NotKeptOnError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            notKeptIfError(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            notKeptIfError(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            notKeptIfError(status);
            super.sendError(status, message);
        }

        private void notKeptIfError(int status) {
            if (status >= 400) {
                setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        }
    }
}
