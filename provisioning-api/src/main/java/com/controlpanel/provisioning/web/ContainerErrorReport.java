package com.controlpanel.provisioning.web;

import java.io.IOException;
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
 * a SCIM error on {@code /scim}, a problem detail on {@code /api}. Tomcat refuses an address holding an encoded
 * {@code /} or {@code \}, a NUL or a character that must be percent-encoded, and a request line it can not parse;
 * its own answer is an HTML page, which neither Okta nor a script can read. Elsewhere (the Control Panel) its page
 * stays, without the server's name or a report.
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
        String uri = request.getRequestURI();
        boolean scim = uri != null && uri.startsWith("/scim/");
        boolean api = uri != null && uri.startsWith("/api/");
        if (!scim && !api) {
            super.report(request, response, throwable);
            return;
        }
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
        String detail = detail(shown);
        try {
            if (scim) {
                ScimErrorResponses.write(response, shown, null, detail);
            } else {
                ProblemResponses.write(response, shown, code(shown), detail);
            }
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not answer {} {} with {}", request.getMethod(), uri, status, e);
        }
    }

    private static String detail(HttpStatus status) {
        if (status == HttpStatus.BAD_REQUEST) {
            return "The request's address can not be read: it holds an encoded '/' or '\\', a NUL character, a"
                    + " character that must be percent-encoded, or a malformed request line";
        }
        return status.getReasonPhrase();
    }

    private static String code(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST
                ? "invalid-request"
                : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
}
