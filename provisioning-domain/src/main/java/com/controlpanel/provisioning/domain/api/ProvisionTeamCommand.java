package com.controlpanel.provisioning.domain.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SCIM: create a team pushed from an identity provider group, with its initial members. */
public record ProvisionTeamCommand(
        @TargetAggregateIdentifier TeamId teamId,
        OrganizationId organizationId,
        TeamName displayName,
        String externalId,
        Set<MemberId> memberIds) {

    public ProvisionTeamCommand {
        memberIds = memberIds == null ? Set.of() : Set.copyOf(memberIds);
    }
}
