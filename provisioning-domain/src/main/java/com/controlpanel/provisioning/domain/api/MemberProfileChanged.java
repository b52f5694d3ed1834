package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A member's profile changed: userName, name, emails, external id or other attributes. */
@Revision("1")
public record MemberProfileChanged(
        OrganizationId organizationId, MemberId memberId, MemberProfile previous, MemberProfile profile)
        implements MemberEvent {}
