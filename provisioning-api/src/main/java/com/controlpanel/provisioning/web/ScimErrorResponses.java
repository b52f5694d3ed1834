package com.controlpanel.provisioning.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** Writes an RFC 7644 §3.12 SCIM error where no controller advice can (security filters, the error page). */
public final class ScimErrorResponses {

    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String MEDIA_TYPE = "application/scim+json";

    private ScimErrorResponses() {}

    public static void write(HttpServletResponse response, HttpStatus status, String scimType, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MEDIA_TYPE + ";charset=UTF-8");
        response.getWriter().write(body(status.value(), scimType, detail));
    }

    public static String body(int status, String scimType, String detail) {
        return "{\"schemas\":[\"" + ERROR_SCHEMA + "\"],\"status\":\"" + status + "\""
                + (scimType == null ? "" : ",\"scimType\":" + Json.quote(scimType)) + ",\"detail\":"
                + Json.quote(detail)
                + "}";
    }
}
