package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter the call does not take ({@code ?actr=…}, or {@code ?actorkind=admin} for {@code actorKind}) is
 * 400 naming it and the ones the call takes. Dropped, it would answer as if no filter had been asked for: the whole
 * member list, or an export of the whole timeline that the script takes for the filtered one.
 */
final class KnownParameters implements HandlerInterceptor {

    /** The names each handler method takes, read once per method; {@code any} for one that takes a map of them all. */
    private final Map<Method, Taken> taken = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)
                // no route, or not with this method: it says so
                || method.getBeanType() == ApiRoutesFallback.class
                // a form's fields are parameters too, but not the query's: its media type is refused for itself
                || isForm(request)) {
            return true;
        }
        Taken names = taken.computeIfAbsent(method.getMethod(), ignored -> Taken.of(method));
        if (names.any()) {
            return true;
        }
        for (String name : request.getParameterMap().keySet()) {
            if (!names.names().contains(name)) {
                throw new InvalidValueException("Parameter '" + name + "' is not one this call takes"
                        + (names.names().isEmpty()
                                ? " (it takes none)"
                                : " (it takes: " + String.join(", ", names.names()) + ")"));
            }
        }
        return true;
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private record Taken(Set<String> names, boolean any) {

        static Taken of(HandlerMethod method) {
            Set<String> names = new LinkedHashSet<>();
            for (MethodParameter parameter : method.getMethodParameters()) {
                String name = QueryParameters.name(parameter);
                if (name == null) {
                    continue;
                }
                if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                    return new Taken(Set.of(), true);
                }
                names.add(name);
            }
            return new Taken(Collections.unmodifiableSet(names), false);
        }
    }
}
