package com.controlpanel.provisioning.ui.teams;

import com.controlpanel.provisioning.directory.TeamRow;
import com.controlpanel.provisioning.directory.TeamSummary;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.ui.layout.Avatar;
import com.controlpanel.provisioning.ui.layout.Dates;

/** A team as the Control Panel shows it: avatar with badge, name, member count, and whether it may be changed. */
public record TeamView(
        String id,
        String name,
        Avatar avatar,
        boolean okta,
        int memberCount,
        boolean readOnly,
        String createdAt,
        String createdOn,
        String createdAtIso) {

    public static TeamView of(TeamSummary summary) {
        TeamRow row = summary.team();
        return new TeamView(
                row.teamId().value(),
                row.displayName().value(),
                Avatar.of(row.teamId().value(), row.displayName().value(), row.source()),
                row.source() == Source.OKTA,
                row.memberCount(),
                summary.readOnly(),
                Dates.shown(row.createdAt()),
                Dates.day(row.createdAt()),
                Dates.iso(row.createdAt()));
    }

    public String membersLabel() {
        return memberCount == 1 ? "1 member" : memberCount + " members";
    }

    public String sourceLabel() {
        return okta ? "Pushed from Okta" : "Created in the Control Panel";
    }
}
