package com.controlpanel.provisioning.domain.team;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.controlpanel.provisioning.domain.api.AddMemberToTeamCommand;
import com.controlpanel.provisioning.domain.api.CreateTeamCommand;
import com.controlpanel.provisioning.domain.api.DeleteTeamCommand;
import com.controlpanel.provisioning.domain.api.DeprovisionTeamCommand;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.LookAlikes;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberRegistry;
import com.controlpanel.provisioning.domain.api.MemberRegistry.RegisteredMember;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ProvisionTeamCommand;
import com.controlpanel.provisioning.domain.api.ProvisioningStatus;
import com.controlpanel.provisioning.domain.api.ReleaseDeletedMemberCommand;
import com.controlpanel.provisioning.domain.api.RemoveMemberFromTeamCommand;
import com.controlpanel.provisioning.domain.api.RenameTeamCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRegistry;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.UniquenessException;
import com.controlpanel.provisioning.domain.api.UpdateProvisionedTeamCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;

/**
 * A team of an organization and who is in it. A team pushed from Okta never takes a member invited by an admin (rule
 * 3); a manual team takes any member of the organization (rule 4). Deleting a team never touches its members (rule 9).
 * Okta changes the teams it pushed, and takes over one an admin created when it writes to it (a pushed group linked to
 * it by name): that team is provisioned from then on, provided no member invited by an admin stays in it.
 */
@Revision("1") // the form of its snapshots: raise it when a field changes, so that older snapshots are passed over
class Team {

    @AggregateIdentifier
    private TeamId teamId;

    private OrganizationId organizationId;
    private Source source;
    private TeamName displayName;
    private String externalId;
    private Set<MemberId> memberIds = new LinkedHashSet<>();

    Team() {
        // for event sourcing
    }

    @CommandHandler
    Team(ProvisionTeamCommand command, ProvisioningStatus provisioning, TeamRegistry teams, MemberRegistry members) {
        requireProvisioningOn(provisioning, command.organizationId());
        requireFreeName(teams, command.organizationId(), command.displayName(), command.teamId());
        requireMembers(
                members,
                command.organizationId(),
                command.memberIds(),
                null, // not created: a refusal names it by its name only
                command.displayName(),
                Source.OKTA);
        apply(new TeamProvisioned(
                command.organizationId(), command.teamId(), Source.OKTA, command.displayName(), command.externalId()));
        for (MemberId memberId : command.memberIds()) {
            apply(new MemberAddedToTeam(command.organizationId(), command.teamId(), memberId));
        }
    }

    @CommandHandler
    Team(CreateTeamCommand command, TeamRegistry teams) {
        requireFreeName(teams, command.organizationId(), command.name(), command.teamId());
        apply(new TeamProvisioned(command.organizationId(), command.teamId(), Source.MANUAL, command.name(), null));
    }

    /**
     * Applies a SCIM change of the team, all of it or nothing, its operations in order; answers the team's version
     * after it (the sequence number of its last event, unchanged when nothing changed), which the caller's ETag needs.
     * What it records is what the operations changed together: a member added and removed again in one request, or a
     * name changed and changed back, is no change (every member added on the way is still checked).
     */
    @CommandHandler
    long handle(
            UpdateProvisionedTeamCommand command,
            ProvisioningStatus provisioning,
            TeamRegistry teams,
            MemberRegistry members) {
        requireSameOrganization(command.organizationId());
        requireProvisioningOn(provisioning, organizationId);
        Set<MemberId> before = Set.copyOf(memberIds);
        boolean takenOver = takeOver();
        TeamName name = displayName;
        String newExternalId = externalId;
        boolean externalIdChanged = false;
        Set<MemberId> after = new LinkedHashSet<>(memberIds);
        Set<MemberId> added = new LinkedHashSet<>();
        for (TeamChange change : command.changes()) {
            if (change instanceof TeamChange.Rename rename) {
                name = rename.displayName();
            } else if (change instanceof TeamChange.ChangeExternalId changeExternalId) {
                newExternalId = changeExternalId.externalId();
                externalIdChanged = true;
            } else if (change instanceof TeamChange.AddMembers add) {
                add.memberIds().stream().filter(after::add).forEach(added::add);
            } else if (change instanceof TeamChange.RemoveMembers remove) {
                remove.memberIds().forEach(after::remove);
            } else if (change instanceof TeamChange.ReplaceMembers replace) {
                after = new LinkedHashSet<>(replace.memberIds());
                added.addAll(after);
            }
        }
        added.removeAll(memberIds);
        // a team taken over by this change: members invited in the Control Panel, joining or staying, are named
        // together below, as joining a team created in the Control Panel (not one pushed from Okta)
        requireMembers(members, organizationId, added, teamId, name, takenOver ? Source.MANUAL : source);
        Set<MemberId> leaving = new LinkedHashSet<>(memberIds);
        leaving.removeAll(after);
        Set<MemberId> joining = new LinkedHashSet<>(after);
        joining.removeAll(memberIds);
        rename(name, teams);
        if (externalIdChanged) {
            changeExternalId(newExternalId);
        }
        removeMembers(leaving);
        for (MemberId memberId : joining) {
            apply(new MemberAddedToTeam(organizationId, teamId, memberId));
        }
        if (takenOver) {
            requireNoManualMembers(members, before);
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    void handle(DeprovisionTeamCommand command, ProvisioningStatus provisioning) {
        requireSameOrganization(command.organizationId());
        requireProvisioningOn(provisioning, organizationId);
        takeOver();
        delete();
    }

    @CommandHandler
    void handle(RenameTeamCommand command, ProvisioningStatus provisioning, TeamRegistry teams) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        rename(command.name(), teams);
    }

    @CommandHandler
    void handle(DeleteTeamCommand command, ProvisioningStatus provisioning) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        delete();
    }

    /**
     * The members leave first, each on the record, then the team goes (its members stay, rule 9): a member's own trail
     * shows that it left the team, as it shows that it joined.
     */
    private void delete() {
        removeMembers(List.copyOf(memberIds));
        apply(new TeamDeleted(organizationId, teamId));
    }

    @CommandHandler
    void handle(AddMemberToTeamCommand command, ProvisioningStatus provisioning, MemberRegistry members) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        addMembers(Set.of(command.memberId()), members);
    }

    @CommandHandler
    void handle(RemoveMemberFromTeamCommand command, ProvisioningStatus provisioning) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        removeMembers(Set.of(command.memberId()));
    }

    /**
     * A member deleted after it joined leaves the team on the record too (the directory no longer showed it already);
     * a member that still exists, or that is not in the team, is not let go this way.
     */
    @CommandHandler
    void handle(ReleaseDeletedMemberCommand command, MemberRegistry members) {
        requireSameOrganization(command.organizationId());
        if (members.find(organizationId, command.memberId()).isEmpty()) {
            removeMembers(Set.of(command.memberId()));
        }
    }

    private void rename(TeamName newName, TeamRegistry teams) {
        if (newName.value().equals(displayName.value())) {
            return;
        }
        if (!newName.sameAs(displayName)) {
            requireFreeName(teams, organizationId, newName, teamId);
        } else {
            // only its case changes: still this team's, unless another holds the same key (as for userNames)
            requireNoOtherHolder(teams, organizationId, newName, teamId);
        }
        apply(new TeamRenamed(organizationId, teamId, displayName, newName));
    }

    private void changeExternalId(String newExternalId) {
        String normalized = newExternalId == null || newExternalId.isBlank() ? null : newExternalId.strip();
        if (Objects.equals(normalized, externalId)) {
            return;
        }
        apply(new TeamExternalIdChanged(organizationId, teamId, externalId, normalized));
    }

    private void addMembers(Collection<MemberId> wanted, MemberRegistry members) {
        Set<MemberId> joining = new LinkedHashSet<>(wanted);
        joining.removeAll(memberIds);
        requireMembers(members, organizationId, joining, teamId, displayName, source);
        for (MemberId memberId : joining) {
            apply(new MemberAddedToTeam(organizationId, teamId, memberId));
        }
    }

    private void removeMembers(Collection<MemberId> leaving) {
        for (MemberId memberId : leaving) {
            if (memberIds.contains(memberId)) {
                apply(new MemberRemovedFromTeam(organizationId, teamId, memberId));
            }
        }
    }

    /** Every member must exist in the organization, and a provisioned team takes no manual member (rule 3). */
    private static Map<MemberId, RegisteredMember> requireMembers(
            MemberRegistry members,
            OrganizationId organizationId,
            Collection<MemberId> memberIds,
            TeamId teamId,
            TeamName teamName,
            Source teamSource) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        Map<MemberId, RegisteredMember> found = members.findAll(organizationId, memberIds);
        for (MemberId memberId : memberIds) {
            RegisteredMember member = found.get(memberId);
            if (member == null) {
                throw NotFoundException.member(memberId);
            }
            if (teamSource == Source.OKTA && member.source() == Source.MANUAL) {
                throw RuleViolationException.manualMemberInProvisionedTeam(
                        memberId, member.userNameKey(), teamId, teamName);
            }
        }
        return found;
    }

    private void requireSameOrganization(OrganizationId asking) {
        if (!organizationId.equals(asking)) {
            throw NotFoundException.team(teamId);
        }
    }

    /**
     * A team created in the Control Panel becomes provisioned before provisioning's first change of it: Okta linked a
     * pushed group to it and manages it from now on. Answers whether this command took it over.
     */
    private boolean takeOver() {
        if (source == Source.OKTA) {
            return false;
        }
        apply(new TeamTakenOver(organizationId, teamId));
        return true;
    }

    /**
     * Rule 3 for a team just taken over: members invited in the Control Panel in it after the change (there {@code
     * before} it, or joining in it) refuse the whole change, all of them named.
     */
    private void requireNoManualMembers(MemberRegistry members, Set<MemberId> before) {
        if (memberIds.isEmpty()) {
            return;
        }
        Map<MemberId, RegisteredMember> found = members.findAll(organizationId, memberIds);
        List<String> manual = new ArrayList<>();
        boolean anyThereBefore = false;
        for (MemberId memberId : memberIds) {
            RegisteredMember member = found.get(memberId);
            if (member != null && member.source() == Source.MANUAL) {
                manual.add(member.userNameKey() + " (" + memberId + ")");
                anyThereBefore |= before.contains(memberId);
            }
        }
        if (!manual.isEmpty()) {
            throw RuleViolationException.manualMembersInTakenOverTeam(teamId, displayName, manual, anyThereBefore);
        }
    }

    private void requireEditableByAdmin(ProvisioningStatus provisioning) {
        if (source == Source.OKTA && provisioning.isProvisioningEnabled(organizationId)) {
            throw RuleViolationException.managedInOkta("team");
        }
    }

    private static void requireProvisioningOn(ProvisioningStatus provisioning, OrganizationId organizationId) {
        if (!provisioning.isProvisioningEnabled(organizationId)) {
            throw RuleViolationException.provisioningDisabled();
        }
    }

    /**
     * A name new to this team: without invisible or special characters (two names that look the same on screen,
     * "Sales" with a no-break or a zero-width space, would pass the uniqueness rule and could not be told apart where a
     * team is picked; nor "E" and a separate accent for "É": the same text to Unicode; full-width and half-width
     * letters, usual in Japanese and Chinese names, are allowed), and no
     * other team's. A name the team already has is not checked again (Okta sends it with every membership update).
     */
    private static void requireFreeName(TeamRegistry teams, OrganizationId organizationId, TeamName name, TeamId self) {
        if (LookAlikes.holdsHidden(name.value())) {
            throw new InvalidValueException("team name '" + name.value() + "' must be written plainly: "
                    + LookAlikes.why(name.value()) + ", which makes it look like another one");
        }
        if (LookAlikes.writtenApart(name.value())) {
            throw new InvalidValueException("team name '" + name.value() + "' must be written plainly: "
                    + LookAlikes.whyApart(name.value()) + ", which makes it look like another one");
        }
        requireNoOtherHolder(teams, organizationId, name, self);
    }

    private static void requireNoOtherHolder(
            TeamRegistry teams, OrganizationId organizationId, TeamName name, TeamId self) {
        teams.findByName(organizationId, name)
                .filter(owner -> !owner.equals(self))
                .ifPresent(owner -> {
                    throw UniquenessException.teamName(name, owner);
                });
    }

    @EventSourcingHandler
    void on(TeamProvisioned event) {
        teamId = event.teamId();
        organizationId = event.organizationId();
        source = event.source();
        displayName = event.displayName();
        externalId = event.externalId();
    }

    @EventSourcingHandler
    void on(TeamTakenOver event) {
        source = Source.OKTA;
    }

    @EventSourcingHandler
    void on(TeamRenamed event) {
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(TeamExternalIdChanged event) {
        externalId = event.externalId();
    }

    @EventSourcingHandler
    void on(MemberAddedToTeam event) {
        memberIds.add(event.memberId());
    }

    @EventSourcingHandler
    void on(MemberRemovedFromTeam event) {
        memberIds.remove(event.memberId());
    }

    @EventSourcingHandler
    void on(TeamDeleted event) {
        markDeleted();
    }

    Set<MemberId> memberIds() {
        return Set.copyOf(memberIds);
    }

    TeamName displayName() {
        return displayName;
    }

    Source source() {
        return source;
    }
}
