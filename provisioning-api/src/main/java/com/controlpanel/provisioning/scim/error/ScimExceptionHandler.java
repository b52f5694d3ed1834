package com.controlpanel.provisioning.scim.error;

import com.controlpanel.provisioning.directory.DirectorySearch;
import com.controlpanel.provisioning.directory.SearchTimeoutException;
import com.controlpanel.provisioning.directory.UnsupportedFilterException;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.rebuild.WritesHeldException;
import com.controlpanel.provisioning.rest.Failures;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.OutageLog;
import com.controlpanel.provisioning.web.RequestIdFilter;
import com.controlpanel.provisioning.web.ScimErrorResponses;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.common.AxonTransientException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of a SCIM request as an RFC 7644 §3.12 error ({@code schemas}, {@code status} as a string,
 * {@code scimType}, {@code detail}) in {@code application/scim+json}: bad input 4xx, never a stack trace. 4xx are
 * logged at debug; a failure on our side (500) once at error with its trace, as the JSON API and the Control Panel log
 * theirs; a 503 (the database out of reach, writes held, overload) once at warn.
 */
@RestControllerAdvice(basePackages = "com.controlpanel.provisioning.scim")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScimExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ScimExceptionHandler.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<String> scim(ScimException e, HttpServletRequest request) {
        var error = e.getScimError();
        return error(request, error.getStatus(), error.getScimType(), e.getMessage());
    }

    @ExceptionHandler(UnsupportedFilterException.class)
    ResponseEntity<String> filter(UnsupportedFilterException e, HttpServletRequest request) {
        return error(request, 400, BadRequestException.INVALID_FILTER, e.getMessage());
    }

    /**
     * A search stopped for taking too long: RFC 7644's {@code tooMany} ("more results than the server is willing to
     * calculate"). Logged at warn, without the filter (it may name people): an operator sees which organization and
     * request, and may raise {@code provisioning.scim.search-timeout}.
     */
    @ExceptionHandler(SearchTimeoutException.class)
    ResponseEntity<String> searchTimeout(SearchTimeoutException e, HttpServletRequest request) {
        log.warn(
                "SCIM {} {} (request id {}): the search was stopped after {} s (provisioning.scim.search-timeout)",
                request.getMethod(),
                request.getRequestURI(),
                RequestIdFilter.requestId(request),
                DirectorySearch.seconds(e.timeout()));
        return answer(request, 400, "tooMany", e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return error(request, 405, null, request.getMethod() + " is not supported here");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failure(Exception e, HttpServletRequest request) {
        var domain = Failures.domainCause(e);
        if (domain.isPresent()) {
            return domain(domain.get(), request);
        }
        if (Failures.cause(e, ConflictingAggregateVersionException.class).isPresent()) {
            return error(
                    request,
                    412,
                    null,
                    "The resource was changed since the version in If-Match: read it again and retry with its "
                            + "current ETag");
        }
        if (Failures.cause(e, AggregateNotFoundException.class).isPresent()) {
            return error(request, 404, null, "No such resource in this organization");
        }
        if (Failures.cause(e, AxonTransientException.class).isPresent()) {
            return error(request, 503, null, "A concurrent change to the same resource got in the way: retry");
        }
        var held = Failures.cause(e, WritesHeldException.class);
        if (held.isPresent()) {
            return error(request, 503, null, held.get().getMessage());
        }
        if (DatabaseFailures.unavailable(e)) {
            OutageLog.SHARED.unavailable(
                    log,
                    "SCIM " + request.getMethod() + " " + request.getRequestURI() + " (request id "
                            + RequestIdFilter.requestId(request) + "): the database is out of reach",
                    e);
            return answer(request, 503, null, DatabaseFailures.retryMessage(e));
        }
        String requestId = RequestIdFilter.requestId(request);
        log.error(
                "SCIM request {} {} failed (request id {})",
                request.getMethod(),
                request.getRequestURI(),
                requestId,
                e);
        return answer(request, 500, null, "The request failed on our side; quote request id " + requestId);
    }

    private ResponseEntity<String> domain(DomainException e, HttpServletRequest request) {
        ErrorCode code = e.errorCode();
        return switch (code) {
            case USER_NAME_TAKEN, TEAM_NAME_TAKEN -> error(request, 409, "uniqueness", e.getMessage());
            case MANUAL_MEMBER_IN_PROVISIONED_TEAM, INVALID_VALUE ->
                error(request, 400, BadRequestException.INVALID_VALUE, e.getMessage());
            case MANAGED_BY_IDENTITY_PROVIDER -> error(request, 403, null, e.getMessage());
            case PROVISIONING_DISABLED -> error(request, 401, null, e.getMessage());
            default ->
                switch (code.kind()) {
                    case INVALID -> error(request, 400, BadRequestException.INVALID_VALUE, e.getMessage());
                    case NOT_FOUND -> error(request, 404, null, e.getMessage());
                    case CONFLICT -> error(request, 409, "uniqueness", e.getMessage());
                    case RULE -> error(request, 403, null, e.getMessage());
                };
        };
    }

    /** The error answer; also used where a request is refused outside a controller. */
    public static ResponseEntity<String> error(HttpServletRequest request, int status, String scimType, String detail) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            log.warn("SCIM {} {} answered {}: {}", request.getMethod(), request.getRequestURI(), status, detail);
        }
        return answer(request, status, scimType, detail);
    }

    /** The error answer, whose failure, if it was ours, is already logged. */
    private static ResponseEntity<String> answer(
            HttpServletRequest request, int status, String scimType, String detail) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "SCIM {} {} answered {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    status,
                    scimType,
                    detail);
        }
        var response = ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(ScimErrorResponses.MEDIA_TYPE + ";charset=UTF-8"));
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"SCIM\"");
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(ScimErrorResponses.body(status, scimType, detail == null ? "" : detail));
    }
}
