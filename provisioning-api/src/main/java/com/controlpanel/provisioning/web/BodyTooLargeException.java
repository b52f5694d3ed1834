package com.controlpanel.provisioning.web;

import java.io.IOException;

/** A JSON API request body longer than the API reads ({@link LimitedBodyRequest}): answered 413. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than the " + limit + " bytes this API reads");
    }
}
