package com.controlpanel.provisioning.domain.api;

/** A command refused by the domain; nothing was changed. The message is fit to show to the person who asked. */
public class DomainException extends RuntimeException {

    private final ErrorCode errorCode;

    public DomainException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
