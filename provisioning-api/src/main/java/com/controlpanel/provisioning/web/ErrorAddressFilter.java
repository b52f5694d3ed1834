package com.controlpanel.provisioning.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address the container forwards errors to ({@code /error}), opened as a page: there is no error to show there
 * (Spring Boot's page said "999" under the title "None", with status 500), so it is a page that does not exist, and
 * the Control Panel's "Page not found" answers it. Errors forwarded there are not requests and pass.
 */
@Component
class ErrorAddressFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"/error".equals(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }
}
