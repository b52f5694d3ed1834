package com.controlpanel.provisioning.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
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
        List<RequestMappingInfo> routes = routesAt(request, fallback);
        if (routes.isEmpty()) {
            return Optional.empty();
        }
        Set<String> methods = new TreeSet<>();
        for (RequestMappingInfo route : routes) {
            Set<RequestMethod> declared = route.getMethodsCondition().getMethods();
            for (RequestMethod method : declared.isEmpty() ? Set.of(RequestMethod.values()) : declared) {
                methods.add(method.name());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return Optional.of(methods);
    }

    /**
     * The media types the routes at this request's path answer this request's method in (a route that declares none:
     * {@code application/json}), except those of {@code fallback}: what a catch-all route names when the request's
     * {@code Accept} takes none of them.
     */
    public Set<String> answers(HttpServletRequest request, Class<?> fallback) {
        RequestMethod asked = RequestMethod.resolve(request.getMethod());
        Set<String> types = new TreeSet<>();
        for (RequestMappingInfo route : routesAt(request, fallback)) {
            Set<RequestMethod> declared = route.getMethodsCondition().getMethods();
            if (!declared.isEmpty() && !declared.contains(asked)) {
                continue;
            }
            var produced = route.getProducesCondition().getProducibleMediaTypes();
            if (produced.isEmpty()) {
                types.add("application/json");
            }
            produced.forEach(type -> types.add(type.toString()));
        }
        return types;
    }

    /** The routes whose path patterns match this request's path, those of {@code fallback} left out. */
    private List<RequestMappingInfo> routesAt(HttpServletRequest request, Class<?> fallback) {
        PathContainer path = PathContainer.parsePath(Edge.path(request));
        List<RequestMappingInfo> routes = new ArrayList<>();
        mappings.getObject().getHandlerMethods().forEach((route, handler) -> {
            var patterns = route.getPathPatternsCondition();
            if (handler.getBeanType() != fallback
                    && patterns != null
                    && patterns.getPatterns().stream().anyMatch(pattern -> pattern.matches(path))) {
                routes.add(route);
            }
        });
        return routes;
    }
}
