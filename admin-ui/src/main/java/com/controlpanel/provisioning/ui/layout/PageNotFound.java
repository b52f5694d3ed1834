package com.controlpanel.provisioning.ui.layout;

/** A Control Panel page that does not exist for this admin: an unknown organization, member or team. */
public class PageNotFound extends RuntimeException {

    public PageNotFound(String message) {
        super(message, null, false, false);
    }
}
