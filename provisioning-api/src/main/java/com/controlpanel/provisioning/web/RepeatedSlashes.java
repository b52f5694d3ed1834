package com.controlpanel.provisioning.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A SCIM or API address with repeated slashes ({@code /scim/v2/<tenant>//Users}: a Tenant URL typed with a trailing
 * slash, to which the client appends {@code /Users}) is taken as the one with single slashes, before the firewall (which
 * refuses a double slash) and the routes see it. The container has merged them already in the servlet path; only the
 * address as sent still has them. A SCIM address's trailing slash ({@code .../Users/}, {@code .../Users/<id>/}) is
 * dropped too: RFC 3986 would let a server tell the two apart, but a SCIM client means the resource. Control Panel pages
 * are left as they are.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RepeatedSlashes extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = Edge.path(request);
        return !(path.contains("//") || path.endsWith("/") && Edge.of(request) == Edge.SCIM)
                || Edge.of(merged(request)) == Edge.CONTROL_PANEL;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(merged(request), response);
    }

    private static HttpServletRequest merged(HttpServletRequest request) {
        boolean scim = Edge.of(request) == Edge.SCIM;
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return scim ? withoutTrailingSlash(merge(super.getRequestURI())) : merge(super.getRequestURI());
            }

            @Override
            public String getServletPath() {
                return scim ? withoutTrailingSlash(super.getServletPath()) : super.getServletPath();
            }

            @Override
            public StringBuffer getRequestURL() {
                StringBuffer url = super.getRequestURL();
                String whole = url.toString();
                int path = whole.indexOf('/', whole.indexOf("://") + 3);
                if (path < 0) {
                    return url;
                }
                String merged = merge(whole.substring(path));
                return new StringBuffer(whole.substring(0, path)).append(scim ? withoutTrailingSlash(merged) : merged);
            }
        };
    }

    static String merge(String path) {
        return path == null ? null : path.replaceAll("/{2,}", "/");
    }

    private static String withoutTrailingSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
