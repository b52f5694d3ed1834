package com.controlpanel.provisioning.domain.api;

/**
 * A command on one organization's aggregates. The command bus runs one organization's commands one at a time, each
 * to its commit, so that the order of its events in the store is the order they happened in: what a projection
 * reads of one aggregate while it handles another's event (the name a member had when a team recorded it joining) is
 * then the same live as on a rebuild.
 */
public interface OrganizationCommand {

    OrganizationId organizationId();
}
