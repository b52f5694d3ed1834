package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A member was deactivated (Okta's active=false): kept, but marked deactivated. */
@Revision("1")
public record MemberDeactivated(OrganizationId organizationId, MemberId memberId) implements MemberEvent {}
