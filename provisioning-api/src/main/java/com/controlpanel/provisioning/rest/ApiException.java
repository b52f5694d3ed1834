package com.controlpanel.provisioning.rest;

import org.springframework.http.HttpStatus;

/** A JSON API request refused at the edge, with its status, stable code and message. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, 0);
    }

    /** A refusal that lasts so many seconds (more than 0): answered with {@code Retry-After}. */
    public ApiException(HttpStatus status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** For how many seconds the refusal lasts, for {@code Retry-After}; 0 if it does not say. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
