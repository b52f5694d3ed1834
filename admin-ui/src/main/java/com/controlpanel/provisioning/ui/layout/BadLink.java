package com.controlpanel.provisioning.ui.layout;

/**
 * A Control Panel address whose value no page of it makes ({@code ?before=abc}): answered with the 400 page "This link
 * is not right", as a number that is none ({@code ?offset=abc}) is, rather than served as if it were not there.
 */
public class BadLink extends RuntimeException {

    public BadLink() {
        super(null, null, false, false);
    }
}
