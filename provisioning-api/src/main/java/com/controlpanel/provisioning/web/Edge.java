package com.controlpanel.provisioning.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which edge of the service a request came to, told by its path: {@code /scim} (SCIM clients: errors in RFC 7644's
 * schema), {@code /api} (scripts: RFC 9457 problem details), anything else the Control Panel (its own pages). Every
 * place that answers a request no controller has seen (the firewall, the container, the edge filter) asks here.
 */
public enum Edge {
    SCIM,
    API,
    CONTROL_PANEL;

    /** The request's path within the application (the context path left out), as sent: not decoded. */
    public static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return "";
        }
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    public static Edge of(HttpServletRequest request) {
        String path = path(request);
        if (under(path, "/scim")) {
            return SCIM;
        }
        return under(path, "/api") ? API : CONTROL_PANEL;
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    /**
     * Writes a refusal in this edge's format: a SCIM error without {@code scimType}, or a problem detail with this
     * {@code code}. The Control Panel answers with its own pages: nothing is written and false returned.
     */
    public boolean refuse(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        switch (this) {
            case SCIM -> ScimErrorResponses.write(response, status, null, detail);
            case API -> ProblemResponses.write(request, response, status, code, detail);
            case CONTROL_PANEL -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a refusal that no error dispatch can answer (a method the firewall refuses is refused again on the way to
     * the error page, which then writes nothing): in this edge's format, and on the Control Panel its page for a
     * browser, which names {@code text/html} among what it takes, or a problem detail for anything else (a script's
     * {@code Accept: *}{@code /*}), as its error address answers.
     */
    public void refuseHere(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String code,
            String title,
            String detail)
            throws IOException {
        if (refuse(request, response, status, code, detail)) {
            return;
        }
        if (asksForPage(request)) {
            ControlPanelErrorPage.write(response, request.getContextPath(), status, title, detail);
        } else {
            ProblemResponses.write(request, response, status, code, detail);
        }
    }

    private static boolean asksForPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> !type.isWildcardType()
                            && !type.isWildcardSubtype()
                            && MediaType.TEXT_HTML.isCompatibleWith(type)
                            && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
