package com.controlpanel.provisioning.domain.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** SCIM: create a team pushed from an identity provider group, with its initial members. */
public record ProvisionTeamCommand(
        @TargetAggregateIdentifier TeamId teamId,
        OrganizationId organizationId,
        TeamName displayName,
        String externalId,
        List<MemberId> memberIds)
        implements OrganizationCommand {

    public ProvisionTeamCommand {
        externalId = TeamChange.checkedExternalId(externalId);
        memberIds = TeamChange.distinct(memberIds);
    }
}
