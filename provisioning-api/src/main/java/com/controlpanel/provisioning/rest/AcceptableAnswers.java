package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A JSON API call whose {@code Accept} does not take JSON is refused (406) before it runs: answered only once the
 * handler had run, a write would be done (a team created, new credentials issued and the old token revoked) and its
 * answer lost. Routes that choose their own media type (the export, the live stream, a backup's download) are left to
 * it.
 */
public class AcceptableAnswers implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)
                || choosesItsOwnType(method)
                // no route, another method, or a route whose own type the request does not take: it says which
                || method.getBeanType() == ApiRoutesFallback.class) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean taken;
        try {
            taken = takes(accept, MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException e) {
            // written here: an answer negotiated against this header would fail again, and be empty
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "The Accept header is not a list of media types: send application/json, or leave Accept out");
            return false;
        }
        if (!taken) {
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.NOT_ACCEPTABLE,
                    "not-acceptable",
                    refusal("This call", MediaType.APPLICATION_JSON_VALUE, accept));
            return false;
        }
        return true;
    }

    /**
     * Whether an {@code Accept} header (none: anything) takes this type, at a quality above 0; for the routes that
     * choose their own type too.
     *
     * @throws InvalidMediaTypeException when the header is not a list of media types
     */
    public static boolean takes(String accept, MediaType type) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        return MediaType.parseMediaTypes(accept).stream()
                .anyMatch(taken -> taken.getQualityValue() > 0 && taken.isCompatibleWith(type));
    }

    /**
     * The 406 of a call whose {@code Accept} header does not take what it {@code answers} (one type, or several
     * joined by "or"): names what the call answers and the header as sent, and what to send instead.
     */
    public static ApiException refused(String call, String answers, String accept) {
        return new ApiException(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", refusal(call, answers, accept));
    }

    private static String refusal(String call, String answers, String accept) {
        return call + " answers " + answers + ", which the request's Accept header (" + accept
                + ") does not take: accept " + answers + ", or leave Accept out";
    }

    private static boolean choosesItsOwnType(HandlerMethod method) {
        RequestMapping mapping = method.getMethodAnnotation(RequestMapping.class);
        ResolvableType answer = ResolvableType.forMethodParameter(method.getReturnType());
        Class<?> body = ResponseEntity.class.isAssignableFrom(answer.toClass())
                ? answer.getGeneric(0).toClass()
                : answer.toClass();
        return StreamingResponseBody.class.isAssignableFrom(body)
                || ResponseBodyEmitter.class.isAssignableFrom(body)
                || Resource.class.isAssignableFrom(body)
                || (mapping != null && mapping.produces().length > 0);
    }
}
