package com.controlpanel.provisioning.domain.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.controlpanel.provisioning.domain.api.DeactivateMemberCommand;
import com.controlpanel.provisioning.domain.api.DeprovisionMemberCommand;
import com.controlpanel.provisioning.domain.api.EditMemberCommand;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.InviteMemberCommand;
import com.controlpanel.provisioning.domain.api.LookAlikes;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRegistry;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.MemberTeams;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.ProvisioningStatus;
import com.controlpanel.provisioning.domain.api.ReactivateMemberCommand;
import com.controlpanel.provisioning.domain.api.RemoveMemberCommand;
import com.controlpanel.provisioning.domain.api.ReplaceProvisionedMemberCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamRegistry;
import com.controlpanel.provisioning.domain.api.UniquenessException;
import com.controlpanel.provisioning.domain.api.UserName;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * A member of an organization. An admin may change any member except, while provisioning is on, the provisioned ones
 * (rule 1). Okta (over SCIM) changes the members it provisioned, and takes over one an admin invited when it writes to
 * it (Okta found it by its userName): that member is provisioned from then on. A source only ever becomes Okta's, and
 * stays so (rule 5).
 */
@Revision("1") // the form of its snapshots: raise it when a field changes, so that older snapshots are passed over
class Member {

    @AggregateIdentifier
    private MemberId memberId;

    private OrganizationId organizationId;
    private Source source;
    private MemberProfile profile;
    private boolean active;

    Member() {
        // for event sourcing
    }

    @CommandHandler
    Member(ProvisionMemberCommand command, ProvisioningStatus provisioning, MemberRegistry members) {
        requireProvisioningOn(provisioning, command.organizationId());
        requireStorable(command.profile(), null);
        requireFreeUserName(members, command.organizationId(), command.profile().userName(), command.memberId());
        apply(new MemberProvisioned(
                command.organizationId(), command.memberId(), Source.OKTA, command.profile(), command.active()));
    }

    @CommandHandler
    Member(InviteMemberCommand command, MemberRegistry members, TeamRegistry teams) {
        for (TeamId teamId : command.teamIds()) {
            var team = teams.find(command.organizationId(), teamId).orElseThrow(() -> NotFoundException.team(teamId));
            if (team.source() == Source.OKTA) {
                throw RuleViolationException.inviteIntoProvisionedTeam(
                        command.profile().userName().value(), teamId);
            }
        }
        requireFreeUserName(members, command.organizationId(), command.profile().userName(), command.memberId());
        apply(new MemberProvisioned(
                command.organizationId(), command.memberId(), Source.MANUAL, command.profile(), true));
    }

    @CommandHandler
    void handle(ReplaceProvisionedMemberCommand command, ProvisioningStatus provisioning, MemberRegistry members) {
        requireSameOrganization(command.organizationId());
        requireProvisioningOn(provisioning, organizationId);
        takeOver();
        changeProfile(command.profile(), members);
        changeActive(command.active());
    }

    /**
     * Deletes the member; answers the teams it was in, read in the deletion's own transaction, so that each records it
     * leaving ({@code MemberDeletion}): the organization's commands commit one at a time, so a team that added the
     * member just before is among them, and one that tries to just after finds it gone.
     */
    @CommandHandler
    List<TeamId> handle(DeprovisionMemberCommand command, ProvisioningStatus provisioning, MemberTeams teams) {
        requireSameOrganization(command.organizationId());
        requireProvisioningOn(provisioning, organizationId);
        List<TeamId> left = teams.teamsOf(organizationId, memberId);
        takeOver();
        apply(new MemberDeprovisioned(organizationId, memberId));
        return left;
    }

    @CommandHandler
    void handle(EditMemberCommand command, ProvisioningStatus provisioning, MemberRegistry members) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        MemberProfile edited = profile;
        if (command.email() != null) {
            edited = withEmail(edited, command.email());
        }
        if (command.name() != null || command.displayName() != null) {
            edited = new MemberProfile(
                    edited.userName(),
                    command.name() != null ? command.name() : edited.name(),
                    command.displayName() != null ? command.displayName() : edited.displayName(),
                    edited.emails(),
                    edited.externalId(),
                    edited.attributes());
        }
        changeProfile(edited, members);
        if (command.active() != null) {
            changeActive(command.active());
        }
    }

    @CommandHandler
    void handle(DeactivateMemberCommand command, ProvisioningStatus provisioning) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        changeActive(false);
    }

    @CommandHandler
    void handle(ReactivateMemberCommand command, ProvisioningStatus provisioning) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        changeActive(true);
    }

    /**
     * Deletes a member an admin may edit (invited here, or Okta's while provisioning is off); answers its teams as
     * the deletion by Okta does.
     */
    @CommandHandler
    List<TeamId> handle(RemoveMemberCommand command, ProvisioningStatus provisioning, MemberTeams teams) {
        requireSameOrganization(command.organizationId());
        requireEditableByAdmin(provisioning);
        List<TeamId> left = teams.teamsOf(organizationId, memberId);
        apply(new MemberRemoved(organizationId, memberId));
        return left;
    }

    private void changeProfile(MemberProfile changed, MemberRegistry members) {
        if (changed.equals(profile)) {
            return;
        }
        requireStorable(changed, profile);
        if (!changed.userName().sameAs(profile.userName())) {
            requireFreeUserName(members, organizationId, changed.userName(), memberId);
        } else if (!changed.userName().value().equals(profile.userName().value())) {
            // only its case changes: still this member's, unless another holds the same key (both stored before keys
            // were case-folded, this one kept its former key; the lookup finds the one holding it first)
            requireNoOtherHolder(members, organizationId, changed.userName(), memberId);
        }
        apply(new MemberProfileChanged(organizationId, memberId, profile, changed));
    }

    private void changeActive(boolean wanted) {
        if (wanted == active) {
            return;
        }
        apply(
                wanted
                        ? new MemberReactivated(organizationId, memberId)
                        : new MemberDeactivated(organizationId, memberId));
    }

    /** The new email becomes the userName and replaces the primary (or first) email address. */
    private static MemberProfile withEmail(MemberProfile current, String email) {
        EmailAddress replacement = EmailAddress.work(email);
        List<EmailAddress> emails = new ArrayList<>(current.emails());
        int index = 0;
        for (int i = 0; i < emails.size(); i++) {
            if (emails.get(i).primary()) {
                index = i;
            }
        }
        if (emails.isEmpty()) {
            emails.add(replacement);
        } else {
            EmailAddress old = emails.get(index);
            emails.set(index, new EmailAddress(replacement.value(), old.type(), old.primary(), null));
        }
        return new MemberProfile(
                new UserName(replacement.value()),
                current.name(),
                current.displayName(),
                emails,
                current.externalId(),
                current.attributes());
    }

    private void requireSameOrganization(OrganizationId asking) {
        // Another organization's member is, for the asker, no member at all.
        if (!organizationId.equals(asking)) {
            throw NotFoundException.member(memberId);
        }
    }

    /**
     * A member invited in the Control Panel becomes provisioned before provisioning's first change of it: Okta, told to
     * provision someone the organization already has, found them by userName, and manages them from now on.
     */
    private void takeOver() {
        if (source != Source.OKTA) {
            apply(new MemberTakenOver(organizationId, memberId));
        }
    }

    private void requireEditableByAdmin(ProvisioningStatus provisioning) {
        if (source == Source.OKTA && provisioning.isProvisioningEnabled(organizationId)) {
            throw RuleViolationException.managedInOkta("member");
        }
    }

    private static void requireProvisioningOn(ProvisioningStatus provisioning, OrganizationId organizationId) {
        if (!provisioning.isProvisioningEnabled(organizationId)) {
            throw RuleViolationException.provisioningDisabled();
        }
    }

    /**
     * A profile within {@link MemberProfile#MAX_JSON_LENGTH}; one kept over it before (the bound came later) may still
     * change as long as it does not grow.
     */
    private static void requireStorable(MemberProfile changed, MemberProfile current) {
        long length = changed.jsonLength();
        if (length > MemberProfile.MAX_JSON_LENGTH && (current == null || length > current.jsonLength())) {
            throw new InvalidValueException(
                    "A member's attributes together may take at most %,d characters written as JSON; these take %,d"
                            .formatted(MemberProfile.MAX_JSON_LENGTH, length));
        }
    }

    /**
     * A userName new to this member: written plainly (two names that look the same on screen would pass the
     * uniqueness rule and could not be told apart), and no other member's.
     */
    private static void requireFreeUserName(
            MemberRegistry members, OrganizationId organizationId, UserName userName, MemberId self) {
        if (LookAlikes.looksLikeAnother(userName.value())) {
            throw new InvalidValueException("userName '" + userName.value() + "' must be written plainly: "
                    + LookAlikes.why(userName.value()) + ", which makes it look like another one");
        }
        requireNoOtherHolder(members, organizationId, userName, self);
    }

    private static void requireNoOtherHolder(
            MemberRegistry members, OrganizationId organizationId, UserName userName, MemberId self) {
        members.findByUserName(organizationId, userName)
                .filter(owner -> !owner.equals(self))
                .ifPresent(owner -> {
                    throw UniquenessException.userName(userName);
                });
    }

    @EventSourcingHandler
    void on(MemberProvisioned event) {
        memberId = event.memberId();
        organizationId = event.organizationId();
        source = event.source();
        profile = event.profile();
        active = event.active();
    }

    @EventSourcingHandler
    void on(MemberTakenOver event) {
        source = Source.OKTA;
    }

    @EventSourcingHandler
    void on(MemberProfileChanged event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(MemberDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(MemberReactivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(MemberDeprovisioned event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(MemberRemoved event) {
        markDeleted();
    }

    Source source() {
        return source;
    }

    MemberProfile profile() {
        return profile;
    }

    boolean active() {
        return active;
    }
}
