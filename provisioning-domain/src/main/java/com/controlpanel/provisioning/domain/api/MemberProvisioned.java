package com.controlpanel.provisioning.domain.api;

import org.axonframework.serialization.Revision;

/** A member now exists, provisioned by Okta or invited by an admin (the source says which). */
@Revision("1")
public record MemberProvisioned(
        OrganizationId organizationId, MemberId memberId, Source source, MemberProfile profile, boolean active)
        implements MemberEvent {}
