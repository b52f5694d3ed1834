package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A deactivated member is active again. */
@Revision("1")
public record MemberReactivated(OrganizationId organizationId, MemberId memberId) implements MemberEvent {}
