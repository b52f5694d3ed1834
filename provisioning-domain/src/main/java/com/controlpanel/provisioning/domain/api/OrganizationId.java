package com.controlpanel.provisioning.domain.api;

import java.util.UUID;

/** Identifies an organization (tenant of the Control Panel); every event and row carries it. */
public record OrganizationId(String value) implements SingleValue {

    public OrganizationId {
        value = Ids.requireValid(value, "organizationId");
    }

    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
