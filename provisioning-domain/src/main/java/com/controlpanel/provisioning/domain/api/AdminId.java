package com.controlpanel.provisioning.domain.api;

import java.util.UUID;

/** Identifies an administrator account of the Control Panel. */
public record AdminId(String value) implements SingleValue {

    public AdminId {
        value = Ids.requireValid(value, "adminId");
    }

    public static AdminId random() {
        return new AdminId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
