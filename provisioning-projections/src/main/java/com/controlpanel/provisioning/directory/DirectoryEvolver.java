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
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationAdminPasswordGiven;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;

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
        } else if (event instanceof OrganizationRenamed e) {
            store.organization(e.organizationId())
                    .ifPresent(row -> store.putOrganization(row.withName(e.name(), version)));
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
        } else if (event instanceof OrganizationAdminRevoked e) {
            store.organization(e.organizationId()).ifPresent(row -> store.putOrganization(row.withVersion(version)));
        } else if (event instanceof OrganizationAdminPasswordGiven e) {
            store.organization(e.organizationId()).ifPresent(row -> store.putOrganization(row.withVersion(version)));
        } else if (event instanceof MemberProvisioned e) {
            store.insertMember(new MemberRow(
                    e.memberId(), e.organizationId(), e.source(), e.active(), e.profile(), at, at, version));
        } else if (event instanceof MemberProfileChanged e) {
            store.member(e.memberId())
                    .ifPresent(row -> store.updateMemberProfile(row.withProfile(e.profile(), at, version)));
        } else if (event instanceof MemberTakenOver e) {
            store.member(e.memberId()).ifPresent(row -> store.updateMember(row.withSource(Source.OKTA, at, version)));
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
        } else if (event instanceof TeamTakenOver e) {
            store.team(e.teamId()).ifPresent(row -> store.updateTeam(row.withSource(Source.OKTA, at, version), 0, 0));
        } else if (event instanceof TeamExternalIdChanged e) {
            store.team(e.teamId())
                    .ifPresent(row -> store.updateTeam(row.withExternalId(e.externalId(), at, version), 0, 0));
        } else if (event instanceof MemberAddedToTeam e) {
            store.team(e.teamId()).ifPresent(row -> {
                // A member deleted meanwhile is no member of any team: its membership is not shown.
                boolean added = store.member(e.memberId()).isPresent()
                        && store.addMembership(e.organizationId(), e.teamId(), e.memberId(), at);
                if (added) {
                    store.settleMembershipsOf(e.memberId());
                }
                store.updateTeam(
                        row.touched(at, version), added ? 1 : 0, added ? ShownDigests.member(e.memberId()) : 0);
            });
        } else if (event instanceof MemberRemovedFromTeam e) {
            store.team(e.teamId()).ifPresent(row -> {
                boolean removed = store.removeMembership(e.teamId(), e.memberId());
                store.updateTeam(
                        row.touched(at, version), removed ? -1 : 0, removed ? -ShownDigests.member(e.memberId()) : 0);
            });
        } else if (event instanceof TeamDeleted e) {
            store.deleteTeam(e.teamId());
        }
    }

    /**
     * A deleted member leaves every team it was in; the teams keep their version and no longer list it. Their count
     * and digest are changed relatively: members of one team deleted at the same time (concurrent transactions of
     * the live projection) each subtract themselves, none lost.
     */
    private static void deleteMember(MemberId memberId, DirectoryStore store) {
        long shown = ShownDigests.member(memberId);
        for (TeamId teamId : store.teamsOf(memberId)) {
            if (store.removeMembership(teamId, memberId)) {
                store.addToTeam(teamId, -1, -shown);
            }
        }
        store.deleteMember(memberId);
        store.settleMembershipsOf(memberId);
    }
}
