package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter given empty ({@code ?subject=}, {@code ?limit=}) is 400 naming it: the framework reads it as absent,
 * and a script whose variable was empty would get the unfiltered list or export as if it were the one it asked for.
 * A query parameter that takes one value, given more than once ({@code ?subject=a&subject=b}), is 400 naming it. The
 * framework would join the values with a comma into one that matches nothing, and an empty answer would look like
 * nothing happened. Parameters that take several values (a list, as {@code action}) may repeat.
 */
final class SingleValuedParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        for (MethodParameter parameter : method.getMethodParameters()) {
            String name = QueryParameters.name(parameter);
            String[] values = name == null ? null : request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (value.isBlank()) {
                    // a script's empty variable (?subject=$ID): read as absent it would answer for everything
                    throw new InvalidValueException(
                            "Parameter '" + name + "' is empty: give it a value, or leave it out");
                }
            }
            boolean list = Collection.class.isAssignableFrom(parameter.getParameterType())
                    || parameter.getParameterType().isArray();
            if (!list && values.length > 1) {
                throw new InvalidValueException(
                        "Parameter '" + name + "' is given " + values.length + " times: it takes one value");
            }
        }
        return true;
    }
}
