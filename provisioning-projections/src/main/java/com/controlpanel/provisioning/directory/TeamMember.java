package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;

/** A member as a team lists it: its id and the name to show. */
public record TeamMember(MemberId memberId, String display) {

    /** The most characters of a member's name a team shows (and the directory keeps as its label). */
    static final int MAX_DISPLAY = 256;

    /** A member as its teams show it. */
    public static TeamMember of(MemberRow row) {
        return new TeamMember(row.memberId(), display(row.profile()));
    }

    /** The name a team shows for a member with this profile. */
    static String display(MemberProfile profile) {
        String label = profile.label();
        return label == null || label.length() <= MAX_DISPLAY ? label : label.substring(0, MAX_DISPLAY);
    }
}
