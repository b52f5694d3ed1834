package com.controlpanel.provisioning.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A call that takes no body ({@code POST /api/admin/rebuild}, {@code POST .../provisioning/enable}) sent one is 400
 * {@code malformed-body}: it would be dropped unread, and {@code {"fresh": true}} would run a rebuild that is not fresh
 * without a word. The message names the call's query parameters, where such options go.
 */
final class BodilessCalls implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                || !hasBody(request)
                // no route, or not with this method: it says so
                || method.getBeanType() == ApiRoutesFallback.class) {
            return true;
        }
        boolean readsBody = Arrays.stream(method.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        if (readsBody) {
            return true;
        }
        String options = Arrays.stream(method.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestParam.class))
                .map(QueryParameters::name)
                .map(name -> name + "=")
                .collect(Collectors.joining(", "));
        throw new ApiException(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "This call takes no body"
                        + (options.isEmpty() ? "" : ": its options are query parameters (" + options + ")")
                        + "; send it without one");
    }

    /** A body announced by its length or sent in chunks; an empty one ({@code Content-Length: 0}) is none. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
