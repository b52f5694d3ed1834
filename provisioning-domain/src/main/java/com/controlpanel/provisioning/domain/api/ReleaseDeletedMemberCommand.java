package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * After a member's deletion (SCIM DELETE or an admin's): a team it was in records that it left, so that the team's own
 * history and its Activity rows say so. Only a deleted member is let go this way; for any other, nothing is recorded.
 */
public record ReleaseDeletedMemberCommand(
        @TargetAggregateIdentifier TeamId teamId, OrganizationId organizationId, MemberId memberId)
        implements OrganizationCommand {}
