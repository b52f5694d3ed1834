package com.controlpanel.provisioning.ui.layout;

/** Something this admin may not do or see, even with the right link (an operator's action asked by an admin). */
public class NotAllowed extends RuntimeException {

    public NotAllowed(String message) {
        super(message, null, false, false);
    }
}
