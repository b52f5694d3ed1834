package com.controlpanel.provisioning.domain.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Admin: change a member's email (its userName), name or display name; null leaves a field as it is. */
public record EditMemberCommand(
        @TargetAggregateIdentifier MemberId memberId,
        OrganizationId organizationId,
        String email,
        PersonName name,
        String displayName,
        @TargetAggregateVersion Long expectedVersion) {}
