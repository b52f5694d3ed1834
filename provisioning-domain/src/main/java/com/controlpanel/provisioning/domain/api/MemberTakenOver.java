package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/**
 * A member an admin invited in the Control Panel was written to by provisioning (Okta found it by its userName and
 * changed or deleted it): it is a provisioned member from then on, with its source, badge and read-only rule (rules 1
 * and 5). Recorded just before the change that took it over, in the same transaction.
 */
@Revision("1")
public record MemberTakenOver(OrganizationId organizationId, MemberId memberId) implements MemberEvent {}
