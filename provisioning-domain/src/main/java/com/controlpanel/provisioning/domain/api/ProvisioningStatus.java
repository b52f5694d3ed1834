package com.controlpanel.provisioning.domain.api;

/** Port: whether an organization's user provisioning is switched on, read in the command's own transaction. */
public interface ProvisioningStatus {

    boolean isProvisioningEnabled(OrganizationId organizationId);
}
