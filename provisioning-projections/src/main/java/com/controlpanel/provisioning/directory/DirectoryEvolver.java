package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;

/**
 * How each event changes the directory: organizations, members, teams and memberships. The one definition used by
 * the live projection, by a rebuild and by the state as of an instant, whatever store the rows are in.
 */
final class DirectoryEvolver {

    private DirectoryEvolver() {}

    static void apply(OrganizationEvent event, EventContext context, DirectoryStore store) {
        long version = context.sequenceNumber();
        var at = context.timestamp();
        if (event instanceof OrganizationCreated e) {
            store.putOrganization(
                    new OrganizationRow(e.organizationId(), e.name(), e.tenantId(), false, null, null, at, version));
        } else if (event instanceof ProvisioningEnabled e) {
            store.organization(e.organizationId())
                    .ifPresent(row -> store.putOrganization(row.withProvisioning(true, version)));
        } else if (event instanceof ProvisioningDisabled e) {
            store.organization(e.organizationId())
                    .ifPresent(row -> store.putOrganization(row.withProvisioning(false, version)));
        } else if (event instanceof ProvisioningCredentialsIssued e) {
            store.organization(e.organizationId())
                    .ifPresent(row -> store.putOrganization(row.withCredential(e.credentialId(), at, version)));
        } else if (event instanceof OrganizationAdminGranted e) {
            store.organization(e.organizationId()).ifPresent(row -> store.putOrganization(row.withVersion(version)));
        } else if (event instanceof MemberProvisioned e) {
            store.insertMember(new MemberRow(
                    e.memberId(), e.organizationId(), e.source(), e.active(), e.profile(), at, at, version));
        } else if (event instanceof MemberProfileChanged e) {
            store.member(e.memberId())
                    .ifPresent(row -> changeProfile(row, row.withProfile(e.profile(), at, version), store));
        } else if (event instanceof MemberDeactivated e) {
            store.member(e.memberId()).ifPresent(row -> store.updateMember(row.withActive(false, at, version)));
        } else if (event instanceof MemberReactivated e) {
            store.member(e.memberId()).ifPresent(row -> store.updateMember(row.withActive(true, at, version)));
        } else if (event instanceof MemberDeprovisioned e) {
            deleteMember(e.memberId(), store);
        } else if (event instanceof MemberRemoved e) {
            deleteMember(e.memberId(), store);
        } else if (event instanceof TeamProvisioned e) {
            store.insertTeam(new TeamRow(
                    e.teamId(),
                    e.organizationId(),
                    e.source(),
                    e.displayName(),
                    e.externalId(),
                    0,
                    at,
                    at,
                    version,
                    0));
        } else if (event instanceof TeamRenamed e) {
            store.team(e.teamId()).ifPresent(row -> store.updateTeam(row.withName(e.displayName(), at, version), 0, 0));
        } else if (event instanceof TeamExternalIdChanged e) {
            store.team(e.teamId())
                    .ifPresent(row -> store.updateTeam(row.withExternalId(e.externalId(), at, version), 0, 0));
        } else if (event instanceof MemberAddedToTeam e) {
            // The member first, held: what the team shows of it can not change, nor can it be deleted, meanwhile.
            MemberRow member = store.memberForUpdate(e.memberId()).orElse(null);
            store.team(e.teamId()).ifPresent(row -> {
                // A member deleted meanwhile is no member of any team: its membership is not shown.
                boolean added = member != null && store.addMembership(e.organizationId(), e.teamId(), e.memberId(), at);
                store.updateTeam(row.touched(at, version), added ? 1 : 0, added ? ShownDigests.member(member) : 0);
            });
        } else if (event instanceof MemberRemovedFromTeam e) {
            MemberRow member = store.memberForUpdate(e.memberId()).orElse(null);
            store.team(e.teamId()).ifPresent(row -> {
                boolean removed = member != null && store.removeMembership(e.teamId(), e.memberId());
                store.updateTeam(
                        row.touched(at, version), removed ? -1 : 0, removed ? -ShownDigests.member(member) : 0);
            });
        } else if (event instanceof TeamDeleted e) {
            store.deleteTeam(e.teamId());
        }
    }

    /*
     * What a team counts and shows of its members changes with events of the members too (a member renamed or
     * deleted), which the live projection applies in concurrent transactions. So those are changed relatively
     * (updateTeam's changes, addToTeam: never a value read before and written back), and whoever derives a team's
     * rows from a member holds the member's row first (memberForUpdate, or the member's own update) and reads the
     * teams after: the two kinds of transaction are serialized on the member's row, and each reads what the other
     * committed. Rows are always taken in the same order, members before teams, so they can not deadlock.
     */

    /** A member's new profile; the teams it is in show its new label. */
    private static void changeProfile(MemberRow before, MemberRow after, DirectoryStore store) {
        store.updateMemberProfile(after);
        long change = ShownDigests.member(after) - ShownDigests.member(before);
        if (change != 0) {
            for (TeamId teamId : store.teamsOf(after.memberId())) {
                store.addToTeam(teamId, 0, change);
            }
        }
    }

    /** A deleted member leaves every team it was in; the teams keep their version and no longer list it. */
    private static void deleteMember(MemberId memberId, DirectoryStore store) {
        MemberRow member = store.memberForUpdate(memberId).orElse(null);
        if (member == null) {
            return;
        }
        long shown = ShownDigests.member(member);
        for (TeamId teamId : store.teamsOf(memberId)) {
            if (store.removeMembership(teamId, memberId)) {
                store.addToTeam(teamId, -1, -shown);
            }
        }
        store.deleteMember(memberId);
    }
}
