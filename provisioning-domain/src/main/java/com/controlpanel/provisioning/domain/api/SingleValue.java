package com.controlpanel.provisioning.domain.api;

/** A value object that is, on the wire and in the event store, nothing but its string value. */
public interface SingleValue {

    String value();
}
