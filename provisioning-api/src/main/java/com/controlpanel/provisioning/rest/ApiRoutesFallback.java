package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.web.Edge;
import com.controlpanel.provisioning.web.RouteMethods;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever no JSON API route answers, as problem details: no route at the path is 404, a route that does not take the
 * method 405 with {@code Allow}, a route that takes it but not with the request's {@code Accept} 406; {@code OPTIONS}
 * lists what the route at the path takes.
 */
@RestController
public class ApiRoutesFallback {

    private final RouteMethods routes;

    public ApiRoutesFallback(RouteMethods routes) {
        this.routes = routes;
    }

    /**
     * {@code OPTIONS}: the methods the route at the path takes, from the routes' own mappings. Spring's own answer would
     * count this catch-all's too, which takes every method, and would list them all at every path, known or not.
     */
    @RequestMapping(path = "/api/**", method = RequestMethod.OPTIONS)
    public ResponseEntity<Void> options(HttpServletRequest request) {
        String path = Edge.path(request);
        var methods = routes.at(request, ApiRoutesFallback.class)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.NOT_FOUND, "not-found", "No route " + path + " in the JSON API"));
        return ResponseEntity.ok()
                .header(HttpHeaders.ALLOW, String.join(", ", methods))
                .build();
    }

    @RequestMapping("/api/**")
    public ResponseEntity<ProblemDetail> fallback(HttpServletRequest request) {
        String path = Edge.path(request);
        var methods = routes.at(request, ApiRoutesFallback.class);
        if (methods.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "No route " + path + " in the JSON API");
        }
        Set<String> allowed = methods.get();
        String allow = String.join(", ", allowed);
        if (!allowed.contains(request.getMethod())) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, allow)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiExceptionHandler.problem(
                                    HttpStatus.METHOD_NOT_ALLOWED,
                                    "method-not-allowed",
                                    request.getMethod() + " is not supported on " + path + " (it takes " + allow + ")")
                            .getBody());
        }
        Set<String> answers = routes.answers(request, ApiRoutesFallback.class);
        throw AcceptableAnswers.refused(path, String.join(" or ", answers), request.getHeader(HttpHeaders.ACCEPT));
    }
}
