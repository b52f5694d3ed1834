package com.controlpanel.provisioning.domain.api;

/** A value that can never be valid, whatever the state (an empty userName, a malformed email). */
public class InvalidValueException extends DomainException {

    public InvalidValueException(String message) {
        super(ErrorCode.INVALID_VALUE, message);
    }
}
