package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A member was deleted by an admin in the Control Panel; its userName is free again. */
@Revision("1")
public record MemberRemoved(OrganizationId organizationId, MemberId memberId) implements MemberEvent {}
