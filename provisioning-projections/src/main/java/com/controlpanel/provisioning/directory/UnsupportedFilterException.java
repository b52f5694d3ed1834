package com.controlpanel.provisioning.directory;

/** A filter or order the directory can not evaluate (an unknown attribute, a comparison its type does not allow). */
public class UnsupportedFilterException extends RuntimeException {

    public UnsupportedFilterException(String message) {
        super(message, null, false, false);
    }
}
