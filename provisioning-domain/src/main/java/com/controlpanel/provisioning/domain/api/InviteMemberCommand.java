package com.controlpanel.provisioning.domain.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin: invite a member by hand; the optional teams must be manual teams (rule 3). */
public record InviteMemberCommand(
        @TargetAggregateIdentifier MemberId memberId,
        OrganizationId organizationId,
        MemberProfile profile,
        Set<TeamId> teamIds)
        implements OrganizationCommand {

    public InviteMemberCommand {
        teamIds = teamIds == null
                ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(teamIds));
    }
}
