package com.controlpanel.provisioning.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** Writes an RFC 9457 problem detail where no controller advice can (security filters). */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":" + Json.quote(status.getReasonPhrase()) + ",\"status\":"
                        + status.value() + ",\"detail\":" + Json.quote(detail) + ",\"code\":" + Json.quote(code) + "}");
    }
}
