package com.controlpanel.provisioning.rest;

import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.rebuild.WritesHeldException;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.OutageLog;
import com.controlpanel.provisioning.web.BodyTooLargeException;
import com.controlpanel.provisioning.web.RequestIdFilter;
import com.controlpanel.provisioning.web.UnicodeText;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every JSON API failure as an RFC 9457 problem detail with a stable {@code code}: refused commands by the kind of
 * refusal, malformed requests 400, never a stack trace.
 */
@RestControllerAdvice(basePackages = "com.controlpanel.provisioning.rest")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        ResponseEntity<ProblemDetail> problem = problem(e.status(), e.code(), e.getMessage());
        if (e.retryAfterSeconds() > 0) {
            return ResponseEntity.status(e.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem.getBody());
        }
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        var tooLarge = Failures.cause(e, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return problem(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload-too-large",
                    tooLarge.get().getMessage());
        }
        return Failures.domainCause(e)
                .map(this::domain)
                .orElseGet(() -> problem(HttpStatus.BAD_REQUEST, "malformed-body", unreadableDetail(e)));
    }

    /** Where the body went wrong: the field and what it must be, or where the JSON stops being JSON. */
    private static String unreadableDetail(HttpMessageNotReadableException e) {
        var unknown = Failures.cause(e, UnrecognizedPropertyException.class);
        if (unknown.isPresent()) {
            var known = unknown.get().getKnownPropertyIds();
            return "The request body's field '" + unknown.get().getPropertyName() + "' is not one this call takes"
                    + (known == null || known.isEmpty()
                            ? ""
                            : " (it takes: "
                                    + known.stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .collect(Collectors.joining(", "))
                                    + ")");
        }
        var mismatch = Failures.cause(e, MismatchedInputException.class);
        if (mismatch.isPresent() && !mismatch.get().getPath().isEmpty()) {
            String field = field(mismatch.get());
            if (mismatch.get() instanceof InvalidFormatException invalid
                    && invalid.getValue() instanceof String text
                    && UnicodeText.loneSurrogate(text) >= 0) {
                return "The request body's field '" + field + "' must be Unicode text: it holds half of a surrogate"
                        + " pair (" + UnicodeText.escaped(text, UnicodeText.loneSurrogate(text)) + ")";
            }
            Class<?> type = mismatch.get().getTargetType();
            return "The request body's field '" + field + "' must be " + expected(type);
        }
        var outOfRange = Failures.cause(e, InputCoercionException.class);
        var mapping = Failures.cause(e, JsonMappingException.class);
        if (outOfRange.isPresent()
                && mapping.isPresent()
                && !mapping.get().getPath().isEmpty()) {
            // a number too large for the field ({"version": 99999999999999999999}): named, with the range it takes
            return "The request body's field '" + field(mapping.get()) + "' must be "
                    + range(outOfRange.get().getTargetType());
        }
        var syntax = Failures.cause(e, JsonParseException.class);
        if (syntax.isPresent()) {
            var location = syntax.get().getLocation();
            String what = String.valueOf(syntax.get().getOriginalMessage())
                    .lines()
                    .findFirst()
                    .orElse("");
            return "The request body is not valid JSON"
                    + (what.startsWith("Duplicate field") ? ": " + what : "")
                    + (location == null
                            ? ""
                            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
        }
        if (Failures.cause(e, MismatchedInputException.class).isPresent()) {
            return "The request body must be a JSON object";
        }
        return "The request body is not the JSON this call expects";
    }

    /** The body's field a mapping failed at, as its path reads: {@code teamIds[2]}, {@code name}. */
    private static String field(JsonMappingException failure) {
        return failure.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** The range a numeric query parameter takes: each is a count, a page size or a store position, never negative. */
    private static String countRange(Class<?> type) {
        return "a whole number from 0 to "
                + (type == Integer.class || type == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }

    private static String range(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return "a smaller number";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a whole number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", detail);
    }

    /** A query parameter that does not read as what it takes ({@code limit=abc}): a bad value, as any other. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        // a whole number too large for the parameter (offset=99999999999999999999): the range it takes
        boolean tooLarge = (type == Integer.class || type == int.class || type == Long.class || type == long.class)
                && e.getValue() != null
                && String.valueOf(e.getValue()).matches("-?[0-9]+");
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid-value",
                "Parameter '" + e.getName() + "' must be " + (tooLarge ? countRange(type) : expected(type)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Send application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such route");
    }

    /** The client went away (a script stopped reading the live stream): there is nobody to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("JSON API client disconnected: {}", e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(
                HttpStatus.NOT_ACCEPTABLE,
                "not-acceptable",
                "This call can not answer in a media type the request's Accept header takes");
    }

    /**
     * A member or team the request named, found a moment before and gone when its command ran (deleted meanwhile: the
     * losers of ten DELETEs at once): said as when it was not found at all, with the same code.
     */
    static Optional<DomainException> notFound(AggregateNotFoundException e, String path) {
        String id = String.valueOf(e.getAggregateIdentifier());
        if (path.contains("/members/" + id)) {
            return Optional.of(NotFoundException.member(id));
        }
        if (path.contains("/teams/" + id)) {
            return Optional.of(NotFoundException.team(id));
        }
        return Optional.empty();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failure(Exception e, HttpServletRequest request) {
        var gone = Failures.cause(e, AsyncRequestNotUsableException.class);
        if (gone.isPresent()) {
            // a client gone, whatever wrapped it on the way (an export's writer): nobody to answer, nothing failed
            clientGone(gone.get());
            return null;
        }
        var domain = Failures.domainCause(e);
        if (domain.isPresent()) {
            return domain(domain.get());
        }
        if (Failures.cause(e, ConflictingAggregateVersionException.class).isPresent()) {
            return problem(
                    HttpStatus.CONFLICT,
                    "version-conflict",
                    "It was changed meanwhile: read it again and retry with its current version");
        }
        var notFound = Failures.cause(e, AggregateNotFoundException.class);
        if (notFound.isPresent()) {
            return notFound(notFound.get(), request.getRequestURI())
                    .map(this::domain)
                    .orElseGet(
                            () -> problem(HttpStatus.NOT_FOUND, "not-found", "It does not exist (or no longer does)"));
        }
        if (Failures.cause(e, AxonTransientException.class).isPresent()) {
            return problem(HttpStatus.CONFLICT, "concurrent-change", "A concurrent change got in the way: retry");
        }
        var held = Failures.cause(e, WritesHeldException.class);
        if (held.isPresent()) {
            return retryShortly("writes-held", held.get().getMessage());
        }
        if (DatabaseFailures.unavailable(e)) {
            OutageLog.SHARED.unavailable(
                    log, "Request " + RequestIdFilter.requestId(request) + ": the database is out of reach", e);
            return retryShortly("database-unavailable", DatabaseFailures.retryMessage(e));
        }
        log.error("Request {} failed", RequestIdFilter.requestId(request), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "The request failed on our side; quote request id " + RequestIdFilter.requestId(request));
    }

    private ResponseEntity<ProblemDetail> domain(DomainException e) {
        HttpStatus status = switch (e.errorCode().kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT, RULE -> HttpStatus.CONFLICT;
        };
        return problem(status, e.errorCode().code(), e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> retryShortly(String code, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, code, detail).getBody());
    }

    /**
     * A problem detail, its media type set here: negotiated against the request's {@code Accept}, a header that is no
     * list of media types would leave the answer empty (Spring writes no body for an error it can not negotiate).
     */
    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
