package com.controlpanel.provisioning.ui.members;

import java.util.List;

/** What the "Invite new member" dialog sends: the email, the name, and the manual teams to join (optional). */
public record InviteForm(String email, String givenName, String familyName, List<String> teamIds) {

    public InviteForm {
        teamIds = teamIds == null ? List.of() : List.copyOf(teamIds);
    }

    public static InviteForm empty() {
        return new InviteForm("", "", "", List.of());
    }

    public boolean picked(String teamId) {
        return teamIds.contains(teamId);
    }
}
