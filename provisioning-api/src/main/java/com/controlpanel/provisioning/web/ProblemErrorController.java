package com.controlpanel.provisioning.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;

/**
 * What the container's error address answers a client that does not ask for a page (a script's {@code Accept: *}{@code
 * /*}, a probe): problem details (RFC 9457), as the JSON API answers, instead of Spring Boot's own JSON
 * ({@code timestamp}, {@code error}, {@code path}). A browser still gets the Control Panel's page ({@code error.html}).
 * The JSON API and SCIM answer their own errors before they get here.
 */
@Controller
public class ProblemErrorController extends BasicErrorController {

    public ProblemErrorController(
            ErrorAttributes errorAttributes, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers) {
        super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String given ? given : request.getRequestURI();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put(
                "detail",
                status == HttpStatus.NOT_FOUND
                        ? "Nothing at this address: the Control Panel is at /, the JSON API under /api, SCIM under"
                                + " /scim/v2"
                        : status.getReasonPhrase());
        problem.put("instance", path);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
