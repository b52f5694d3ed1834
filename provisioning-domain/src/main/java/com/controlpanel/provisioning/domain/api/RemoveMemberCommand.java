package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: delete a member. */
public record RemoveMemberCommand(@TargetAggregateIdentifier MemberId memberId, OrganizationId organizationId)
        implements OrganizationCommand {}
