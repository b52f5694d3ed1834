package com.controlpanel.provisioning.rest;

import org.springframework.http.HttpStatus;

/** A JSON API request refused at the edge, with its status, stable code and message. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
}
