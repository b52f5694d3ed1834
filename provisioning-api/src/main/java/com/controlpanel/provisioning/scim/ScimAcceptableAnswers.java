package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.rest.AcceptableAnswers;
import com.controlpanel.provisioning.scim.error.ScimRoutesFallback;
import com.controlpanel.provisioning.web.ScimErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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
        ScimErrorResponses.write(
                response,
                HttpStatus.NOT_ACCEPTABLE,
                null,
                "This service provider answers application/scim+json (or application/json), which the request's"
                        + " Accept header (" + accept + ") does not take: accept application/scim+json, or leave"
                        + " Accept out");
        return false;
    }

    private static boolean takesScimJson(String accept) {
        try {
            return AcceptableAnswers.takes(accept, ScimResponses.SCIM_JSON)
                    || AcceptableAnswers.takes(accept, MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }
}
