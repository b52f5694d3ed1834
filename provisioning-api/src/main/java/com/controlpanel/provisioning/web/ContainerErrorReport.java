package com.controlpanel.provisioning.web;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * What the servlet container refuses before the application sees the request is answered in the edge's own format:
 * a SCIM error on {@code /scim}, a problem detail on {@code /api}, a page in the Control Panel's look elsewhere
 * ({@link ControlPanelErrorPage}). Tomcat refuses an address holding an encoded {@code /} or {@code \} or a NUL,
 * headers too large or malformed, a missing or bad {@code Host}; its own answer is a bare HTML page, which neither
 * Okta nor a script can read, and which is none of the Control Panel's. A request line it can not parse at all (a raw
 * space or {@code <} in the path, a request line and headers over {@code server.max-http-request-header-size}, 64 KB)
 * leaves no address to tell the edge by: those get the Control Panel's page.
 *
 * <p>This replaces the container's error report valve on the host ({@link ContainerCustomizer}); it reports only
 * what no one answered: a status of 400 or more with nothing written.
 */
final class ContainerErrorReport extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrorReport.class);

    ContainerErrorReport() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        Edge edge = Edge.of(request);
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus shown = known == null ? HttpStatus.BAD_REQUEST : known;
        String detail = detail(shown, response.getMessage());
        try {
            if (!edge.refuse(request, response, shown, code(shown), detail)) {
                ControlPanelErrorPage.write(response, request.getContextPath(), shown);
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not answer {} {} with {}", request.getMethod(), request.getRequestURI(), status, e);
        }
    }

    /** What the server could not take, with the container's own words for it when it gave any. */
    private static String detail(HttpStatus status, String reason) {
        String said = reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")";
        if (status == HttpStatus.BAD_REQUEST) {
            return "The server can not read this request: its address, request line or headers are malformed or"
                    + " too large (an address may not hold an encoded '/' or '\\' or a NUL character)" + said;
        }
        return status.getReasonPhrase() + said;
    }

    private static String code(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST
                ? "invalid-request"
                : status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
