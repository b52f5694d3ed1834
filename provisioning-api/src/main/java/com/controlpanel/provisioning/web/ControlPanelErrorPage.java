package com.controlpanel.provisioning.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * The Control Panel's error page where its templates can not be used: for what the servlet container refuses before
 * the application sees the request ({@link ContainerErrorReport}), and for a session the database could not read or
 * keep ({@link ControlPanelSessions}). The markup and stylesheets of its own error page
 * ({@code error.html} in {@code bare.html}), a status and a sentence; nothing of the request is shown.
 */
final class ControlPanelErrorPage {

    private static final String LOGO = "<svg class=\"logo\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\""
            + " aria-hidden=\"true\" focusable=\"false\"><rect x=\"2\" y=\"2\" width=\"20\" height=\"20\" rx=\"6\""
            + " fill=\"#1d4ed8\"/><path d=\"M7 12.5l3.2 3.2L17 9\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.4\""
            + " stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>";

    private ControlPanelErrorPage() {}

    static void write(HttpServletResponse response, String contextPath, HttpStatus status) throws IOException {
        write(response, contextPath, status, title(status), message(status));
    }

    static void write(HttpServletResponse response, String contextPath, HttpStatus status, String title, String message)
            throws IOException {
        String root = HtmlUtils.htmlEscape(contextPath == null ? "" : contextPath);
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"color-scheme\" content=\"light\">\n"
                + "<title>" + HtmlUtils.htmlEscape(title) + " · Control Panel</title>\n"
                + "<link rel=\"icon\" href=\"" + root + "/img/favicon.svg\" type=\"image/svg+xml\">\n"
                + "<link rel=\"stylesheet\" href=\"" + root + "/webjars/picocss__pico/css/pico.min.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + root + "/css/control-panel.css\">\n"
                + "</head>\n<body class=\"bare\">\n<main id=\"main\" class=\"container narrow\">\n"
                + "<p class=\"brand-line\"><a href=\"" + root + "/\" class=\"brand\">" + LOGO
                + "Control Panel</a></p>\n"
                + "<article class=\"card error-page\">\n"
                + "<p class=\"error-code\">" + status.value() + "</p>\n"
                + "<h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n"
                + "<p>" + HtmlUtils.htmlEscape(message) + "</p>\n"
                + "<p><a href=\"" + root + "/\" role=\"button\">Back to the Control Panel</a></p>\n"
                + "</article>\n</main>\n</body>\n</html>\n";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self';"
                        + " script-src 'none'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "This link is not right";
            case NOT_FOUND -> "Page not found";
            case FORBIDDEN -> "Not allowed";
            default -> status.is5xxServerError() ? "Something went wrong on our side" : status.getReasonPhrase();
        };
    }

    private static String message(HttpStatus status) {
        if (status == HttpStatus.BAD_REQUEST) {
            return "The server can not read this address or request: an address may not hold an encoded “/” or “\\”"
                    + " or a NUL character, and addresses and headers have a size limit. Nothing was changed. Check"
                    + " the link, or go back to the Control Panel.";
        }
        if (status == HttpStatus.NOT_FOUND) {
            return "There is nothing at this address. It may have moved, or the link may be mistyped.";
        }
        return "Nothing was changed. Go back and try again.";
    }
}
