package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.scim.error.ScimExceptionHandler;
import com.controlpanel.provisioning.scim.error.ScimRoutesFallback;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A SCIM request whose {@code Accept} takes neither {@code application/scim+json} nor {@code application/json} (an
 * {@code application/xml} client) is refused with 406 before it runs (RFC 7644 §3.1 names those two types): answered
 * in JSON anyway, the client could not read it, and a write would be done with its answer lost. No {@code Accept},
 * a wildcard, and a header that is no list of media types are answered in SCIM's JSON as before: an identity
 * provider's odd header must not stop its provisioning.
 */
public class ScimAcceptableAnswers implements HandlerInterceptor {

    private static final List<MediaType> ANSWERED = List.of(ScimResponses.SCIM_JSON, MediaType.APPLICATION_JSON);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (!(handler instanceof HandlerMethod method)
                // no route, or a method the route does not take: that is said first
                || method.getBeanType() == ScimRoutesFallback.class
                || takesScimJson(accept)) {
            return true;
        }
        ResponseEntity<String> error = ScimExceptionHandler.error(
                request,
                HttpServletResponse.SC_NOT_ACCEPTABLE,
                null,
                "This service provider answers application/scim+json (or application/json), which the request's"
                        + " Accept header (" + accept + ") does not take: accept application/scim+json, or leave"
                        + " Accept out");
        response.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
        response.setContentType(error.getHeaders().getContentType().toString());
        response.getOutputStream().write(error.getBody().getBytes(StandardCharsets.UTF_8));
        return false;
    }

    static boolean takesScimJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(taken ->
                            taken.getQualityValue() > 0 && ANSWERED.stream().anyMatch(taken::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }
}
