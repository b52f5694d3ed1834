package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.UniquenessException;

/**
 * A team name refused as taken, said with the name of the team that has it, as it is written: "A team named 'Équipe
 * Design' already exists" for "équipe design" typed, so that the admin sees which team it is. The Control Panel and the
 * JSON API say it alike.
 */
public final class TakenTeamNames {

    private TakenTeamNames() {}

    /** The refusal naming the team that holds the name; the refusal itself when it names none, or that team is gone. */
    public static DomainException namingHolder(
            DirectoryQueries directory, OrganizationId organizationId, DomainException refusal) {
        if (!(refusal instanceof UniquenessException taken)) {
            return refusal;
        }
        return taken.holderId()
                .flatMap(holder -> directory.findTeam(organizationId, new TeamId(holder)))
                .<DomainException>map(holder -> UniquenessException.teamName(
                        holder.team().displayName(), holder.team().teamId()))
                .orElse(refusal);
    }
}
