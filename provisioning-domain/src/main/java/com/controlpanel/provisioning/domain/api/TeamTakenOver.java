package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/**
 * A team an admin created in the Control Panel was written to by provisioning (Okta linked a pushed group to it by
 * its name and changed or deleted it): it is a provisioned team from then on, with its source, badge and read-only rule
 * (rules 1 and 5). Recorded just before the change that took it over, in the same transaction; never while a member
 * invited in the Control Panel would be in it (rule 3).
 */
@Revision("1")
public record TeamTakenOver(OrganizationId organizationId, TeamId teamId) implements TeamEvent {}
