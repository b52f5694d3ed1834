package com.controlpanel.provisioning.domain.api;

import java.util.UUID;

/** The public id in an organization's SCIM Tenant URL ({@code /scim/v2/<tenant id>}). */
public record TenantId(String value) implements SingleValue {

    public TenantId {
        value = Ids.requireValid(value, "tenantId");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
