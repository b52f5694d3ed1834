package com.controlpanel.provisioning.web;

import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.OutageLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What fails on {@code /scim} and {@code /api} before a controller is reached (the bearer token's check, the admin's
 * sign-in, a filter) is answered in the edge's own error format, as the controllers' failures are: a SCIM error or
 * a problem detail, 503 with {@code Retry-After} while the database is out of reach, else 500 with the request id.
 * Never the servlet container's error page, never a stack trace. A query string with a broken percent-escape is
 * refused here, 400, before anything reads its parameters ({@link QueryStrings}); a JSON API body larger than
 * {@link #API_MAX_BODY_BYTES} is 413, one whose Content-Type is a wildcard or malformed 415, and so is a body with a
 * {@code Content-Encoding} (gzip…) on both edges.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class EdgeFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EdgeFailureFilter.class);

    /** The largest JSON API request body read: an invitation or an edit is a few hundred bytes. */
    public static final long API_MAX_BODY_BYTES = 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return Edge.of(request) == Edge.CONTROL_PANEL;
    }

    private static boolean isScim(HttpServletRequest request) {
        return Edge.of(request) == Edge.SCIM;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var unreadable = QueryStrings.unreadableParameter(request.getQueryString());
        if (unreadable.isPresent()) {
            refuseQuery(
                    request, response, unreadable.get().name(), unreadable.get().why());
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (hasBody(request)
                && encoding != null
                && !encoding.isBlank()
                && !encoding.strip().equalsIgnoreCase("identity")) {
            refuseEncoding(request, response, encoding.strip());
            return;
        }
        HttpServletRequest passed = request;
        if (!isScim(request) && hasBody(request) && !concreteContentType(request.getContentType())) {
            // Spring reads such a header as a programming error (500); a body has one media type, or it is refused
            String charset = unknownCharset(request.getContentType());
            ProblemResponses.write(
                    request,
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported-media-type",
                    charset != null
                            ? "The body's Content-Type names a charset this service does not know (" + charset
                                    + "): send it in UTF-8 (application/json; charset=utf-8)"
                            : "The body's Content-Type '" + request.getContentType()
                                    + "' is not one media type (a wildcard or malformed): send application/json");
            return;
        }
        if (!isScim(request)) {
            // the JSON API's bodies are a few fields; SCIM has its own, larger limit
            if (request.getContentLengthLong() > API_MAX_BODY_BYTES) {
                ProblemResponses.write(
                        request,
                        response,
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "payload-too-large",
                        new BodyTooLargeException(API_MAX_BODY_BYTES).getMessage());
                return;
            }
            passed = new LimitedBodyRequest(request, API_MAX_BODY_BYTES);
        }
        try {
            chain.doFilter(passed, response);
        } catch (RuntimeException | ServletException e) {
            if (response.isCommitted()) {
                throw e;
            }
            answer(request, response, e);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** No Content-Type, or one a body can have: not {@code * /*}, {@code application/*} or malformed. */
    /** The charset a Content-Type names that this runtime does not know ({@code charset=latin-1}); else null. */
    static String unknownCharset(String contentType) {
        for (String parameter : contentType.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String name = parameter.substring(equals + 1).strip().replace("\"", "");
                try {
                    if (!Charset.isSupported(name)) {
                        return name;
                    }
                } catch (IllegalCharsetNameException e) {
                    return name;
                }
            }
        }
        return null;
    }

    static boolean concreteContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype() && parametersNamed(contentType);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * Whether every parameter of a media type is a name and a value ({@code charset=utf-8}; RFC 9110 §5.6.6): Spring
     * drops one without {@code =} ({@code application/json; charset}) and reads the rest. Empty ones ({@code ;;})
     * are allowed; a {@code ;} inside a quoted value separates nothing.
     */
    private static boolean parametersNamed(String contentType) {
        boolean quoted = false;
        boolean escaped = false;
        int start = contentType.indexOf(';');
        if (start < 0) {
            return true;
        }
        StringBuilder parameter = new StringBuilder();
        for (int i = start + 1; i <= contentType.length(); i++) {
            char c = i < contentType.length() ? contentType.charAt(i) : ';';
            if (escaped) {
                escaped = false;
            } else if (quoted && c == '\\') {
                escaped = true;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                String named = parameter.toString().strip();
                if (!named.isEmpty() && named.indexOf('=') < 1) {
                    return false;
                }
                parameter.setLength(0);
                continue;
            }
            parameter.append(c);
        }
        return true;
    }

    /**
     * A body compressed or otherwise encoded (RFC 9110 §8.4): read as it is, it would be refused as malformed JSON, a
     * misleading answer. 415 with {@code Accept-Encoding: identity}, as RFC 9110 §15.5.16 has it.
     */
    private static void refuseEncoding(HttpServletRequest request, HttpServletResponse response, String encoding)
            throws IOException {
        String detail = "The body's Content-Encoding '" + encoding
                + "' is not supported: send the body uncompressed (no Content-Encoding)";
        response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        if (isScim(request)) {
            ScimErrorResponses.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, detail);
        } else {
            ProblemResponses.write(
                    request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", detail);
        }
    }

    /** A parameter the container would drop: answered 400 rather than served as if it had not been sent. */
    private static void refuseQuery(
            HttpServletRequest request, HttpServletResponse response, String parameter, String detail)
            throws IOException {
        if (isScim(request)) {
            ScimErrorResponses.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "filter".equals(parameter) ? "invalidFilter" : "invalidValue",
                    detail);
        } else {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "invalid-request", detail);
        }
    }

    /**
     * A request answered 503 because the database is out of reach, in one line ({@link OutageLog}): here, and where
     * the sign-in of the JSON API or the metrics could not check a password.
     */
    public static void logUnavailable(HttpServletRequest request, Exception e) {
        OutageLog.SHARED.unavailable(
                log,
                request.getMethod() + " " + request.getRequestURI() + " (request id "
                        + RequestIdFilter.requestId(request) + "): the database is out of reach",
                e);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        String requestId = RequestIdFilter.requestId(request);
        boolean unavailable = DatabaseFailures.unavailable(e);
        if (unavailable) {
            logUnavailable(request, e);
        } else {
            log.error("{} {} failed (request id {})", request.getMethod(), request.getRequestURI(), requestId, e);
        }
        response.resetBuffer();
        HttpStatus status = unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        if (unavailable) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        String detail = unavailable
                ? DatabaseFailures.retryMessage(e)
                : "The request failed on our side; quote request id " + requestId;
        if (isScim(request)) {
            ScimErrorResponses.write(response, status, null, detail);
        } else {
            ProblemResponses.write(
                    request, response, status, unavailable ? "database-unavailable" : "internal-error", detail);
        }
    }
}
