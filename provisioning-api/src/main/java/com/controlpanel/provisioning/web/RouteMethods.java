package com.controlpanel.provisioning.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which methods the routes at a request's path take, from the controllers' own mappings: what a catch-all route
 * needs to tell "no such route" (404) from "not with this method" (405, with {@code Allow}).
 */
@Component
public class RouteMethods {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    public RouteMethods(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * The methods the routes at this request's path take, except those of {@code fallback} (a catch-all); empty when
     * no route is at this path. A route that declares no method takes them all.
     */
    public Optional<Set<String>> at(HttpServletRequest request, Class<?> fallback) {
        PathContainer path = PathContainer.parsePath(Edge.path(request));
        Set<String> methods = new TreeSet<>();
        boolean found = false;
        for (var entry : mappings.getObject().getHandlerMethods().entrySet()) {
            var patterns = entry.getKey().getPathPatternsCondition();
            if (entry.getValue().getBeanType() == fallback
                    || patterns == null
                    || patterns.getPatterns().stream().noneMatch(pattern -> pattern.matches(path))) {
                continue;
            }
            found = true;
            Set<RequestMethod> declared = entry.getKey().getMethodsCondition().getMethods();
            for (RequestMethod method : declared.isEmpty() ? Set.of(RequestMethod.values()) : declared) {
                methods.add(method.name());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (found) {
            methods.add("OPTIONS");
        }
        return found ? Optional.of(methods) : Optional.empty();
    }

    /**
     * The media types the routes at this request's path answer this request's method in (a route that declares none:
     * {@code application/json}), except those of {@code fallback}: what a catch-all route names when the request's
     * {@code Accept} takes none of them.
     */
    public Set<String> answers(HttpServletRequest request, Class<?> fallback) {
        PathContainer path = PathContainer.parsePath(Edge.path(request));
        RequestMethod asked = RequestMethod.resolve(request.getMethod());
        Set<String> types = new TreeSet<>();
        for (var entry : mappings.getObject().getHandlerMethods().entrySet()) {
            var patterns = entry.getKey().getPathPatternsCondition();
            Set<RequestMethod> declared = entry.getKey().getMethodsCondition().getMethods();
            if (entry.getValue().getBeanType() == fallback
                    || patterns == null
                    || patterns.getPatterns().stream().noneMatch(pattern -> pattern.matches(path))
                    || !(declared.isEmpty() || declared.contains(asked))) {
                continue;
            }
            var produced = entry.getKey().getProducesCondition().getProducibleMediaTypes();
            if (produced.isEmpty()) {
                types.add("application/json");
            }
            produced.forEach(type -> types.add(type.toString()));
        }
        return types;
    }
}
