package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.domain.api.Source;

/** A team named next to a member: a link to it, with the Okta badge when Okta pushed it. */
public record TeamChip(String id, String name, boolean okta) {

    public static TeamChip of(TeamRef ref) {
        return new TeamChip(ref.teamId().value(), ref.name(), ref.source() == Source.OKTA);
    }
}
