package com.controlpanel.provisioning.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** Writes an RFC 9457 problem detail where no controller advice can (security filters). */
public final class ProblemResponses {

    private ProblemResponses() {}

    /** The problem, its {@code instance} the request's path, as the controllers' problem details have it. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = forwarded instanceof String path ? path : request.getRequestURI();
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":" + Json.quote(status.getReasonPhrase()) + ",\"status\":"
                        + status.value() + ",\"detail\":" + Json.quote(detail)
                        + (instance == null ? "" : ",\"instance\":" + Json.quote(instance)) + ",\"code\":"
                        + Json.quote(code) + "}");
    }
}
