package com.controlpanel.provisioning.domain.api;

/** An event of an organization: every event carries the organization it belongs to. */
public interface OrganizationEvent {

    OrganizationId organizationId();
}
