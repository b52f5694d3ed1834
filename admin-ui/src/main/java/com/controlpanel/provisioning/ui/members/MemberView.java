package com.controlpanel.provisioning.ui.members;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.MemberStatus;
import com.controlpanel.provisioning.directory.MemberSummary;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.ui.layout.Avatar;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.TeamChip;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A member as the Control Panel shows it: avatar with badge, name, email, teams, status, and if it may be edited. */
public record MemberView(
        String id,
        String label,
        String email,
        String givenName,
        String familyName,
        String formattedName,
        String displayName,
        Avatar avatar,
        boolean okta,
        MemberStatus status,
        boolean active,
        List<TeamChip> teams,
        boolean readOnly,
        String createdAt,
        String createdOn,
        String createdAtIso,
        long version,
        Map<String, Object> attributes) {

    public static MemberView of(MemberSummary summary) {
        MemberRow row = summary.member();
        MemberProfile profile = row.profile();
        return new MemberView(
                row.memberId().value(),
                profile.label(),
                profile.email(),
                profile.name().givenName(),
                profile.name().familyName(),
                profile.name().formatted(),
                profile.displayName(),
                Avatar.of(row.memberId().value(), profile.label(), row.source()),
                row.source() == Source.OKTA,
                row.status(),
                row.active(),
                summary.teams().stream().map(TeamChip::of).toList(),
                summary.readOnly(),
                Dates.shown(row.createdAt()),
                Dates.day(row.createdAt()),
                Dates.iso(row.createdAt()),
                row.version(),
                profile.attributes());
    }

    /** The attributes the identity provider sent beyond those edited here, in words, for the member's page. */
    public List<ProfileDetail> details() {
        return ProfileDetail.of(attributes);
    }

    public String statusLabel() {
        String name = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    public String statusClass() {
        return "status-" + status.name().toLowerCase(Locale.ROOT);
    }

    public String sourceLabel() {
        return okta ? "Provisioned by Okta" : "Invited in the Control Panel";
    }

    /**
     * The member an address or a form names, if they are still there (deleted meanwhile: empty); an id no member
     * could have (an address edited by hand) is no page.
     */
    public static Optional<MemberView> find(DirectoryQueries directory, OrganizationId organizationId, String id) {
        MemberId memberId;
        try {
            memberId = new MemberId(id == null ? "" : id);
        } catch (InvalidValueException e) {
            throw PageNotFound.member();
        }
        return directory.findMember(organizationId, memberId).map(MemberView::of);
    }
}
