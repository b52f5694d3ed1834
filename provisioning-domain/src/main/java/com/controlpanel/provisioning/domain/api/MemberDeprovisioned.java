package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A provisioned member was deleted by the identity provider (SCIM DELETE); its userName is free again. */
@Revision("1")
public record MemberDeprovisioned(OrganizationId organizationId, MemberId memberId) implements MemberEvent {}
