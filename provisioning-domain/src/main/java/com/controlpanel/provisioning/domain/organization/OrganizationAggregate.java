package com.controlpanel.provisioning.domain.organization;

/** Hands the (package-private) organization aggregate type to the application's Axon configuration. */
public final class OrganizationAggregate {

    private OrganizationAggregate() {}

    public static Class<?> type() {
        return Organization.class;
    }
}
