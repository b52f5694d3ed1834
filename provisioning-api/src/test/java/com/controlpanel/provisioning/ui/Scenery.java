package com.controlpanel.provisioning.ui;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.application.IssuedCredentials;
import com.controlpanel.provisioning.application.MemberAdministration;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.application.TeamAdministration;
import com.controlpanel.provisioning.domain.api.DeprovisionMemberCommand;
import com.controlpanel.provisioning.domain.api.DeprovisionTeamCommand;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.ProvisionTeamCommand;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.security.AdminAccounts;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Puts the application in the state a browser test shows: an organization with an admin of its own (who manages
 * nothing else), members and teams made as an admin or as Okta's SCIM integration would make them.
 */
final class Scenery {

    static final String PASSWORD = "browser-password-1";
    private static final CommandContext ADMIN = CommandContext.system();

    private final OrganizationAdministration organizations;
    private final MemberAdministration members;
    private final TeamAdministration teams;
    private final Commands commands;
    private final AdminAccounts accounts;

    Scenery(ApplicationContext context) {
        this.organizations = context.getBean(OrganizationAdministration.class);
        this.members = context.getBean(MemberAdministration.class);
        this.teams = context.getBean(TeamAdministration.class);
        this.commands = context.getBean(Commands.class);
        this.accounts = context.getBean(AdminAccounts.class);
    }

    /** An organization of the deployment and the email of an admin who manages it (password {@link #PASSWORD}). */
    record Tenant(OrganizationId id, String name, String adminEmail) {
        String path(String rest) {
            return "/orgs/" + id.value() + rest;
        }
    }

    Tenant organization(String name) {
        OrganizationId id = organizations.create(ADMIN, name);
        AdminUser admin = accounts.create(unique("admin"), PASSWORD, false);
        organizations.grantAdmin(ADMIN, id, admin.adminId(), admin.email());
        return new Tenant(id, name, admin.email());
    }

    void renameOrganization(Tenant tenant, String name) {
        organizations.rename(ADMIN, tenant.id(), name);
    }

    /** An admin who manages no organization yet. */
    String adminWithoutOrganization() {
        return accounts.create(unique("new-admin"), PASSWORD, false).email();
    }

    /** Another admin of the organization (password {@link #PASSWORD}), by email. */
    String anotherAdmin(Tenant tenant) {
        AdminUser admin = accounts.create(unique("colleague"), PASSWORD, false);
        organizations.grantAdmin(ADMIN, tenant.id(), admin.adminId(), admin.email());
        return admin.email();
    }

    /** Another organization for the same admin. */
    Tenant alsoManagedBy(Tenant first, String name) {
        OrganizationId id = organizations.create(ADMIN, name);
        AdminUser admin = accounts.findByEmail(first.adminEmail()).orElseThrow();
        organizations.grantAdmin(ADMIN, id, admin.adminId(), admin.email());
        return new Tenant(id, name, admin.email());
    }

    IssuedCredentials provisioningOn(Tenant tenant) {
        return organizations.enableProvisioning(ADMIN, tenant.id()).orElseThrow();
    }

    /** New credentials, as "Regenerate" issues them: the token before them stops working. */
    IssuedCredentials newCredentials(Tenant tenant) {
        return organizations.issueCredentials(ADMIN, tenant.id());
    }

    void provisioningOff(Tenant tenant) {
        organizations.disableProvisioning(ADMIN, tenant.id());
    }

    MemberId invite(Tenant tenant, String givenName, String familyName, TeamId... teamIds) {
        return members.invite(
                ADMIN,
                tenant.id(),
                email(givenName, familyName),
                PersonName.of(givenName, familyName),
                null,
                Set.of(teamIds));
    }

    /** A member invited with this email and name, as the JSON API takes them (a whole name goes to the formatted name). */
    MemberId invite(Tenant tenant, String email, PersonName name, TeamId... teamIds) {
        return members.invite(ADMIN, tenant.id(), email, name, null, Set.of(teamIds));
    }

    /**
     * A member pushed by Okta: the very command the SCIM endpoint sends for {@code POST /Users} (provisioning must be
     * on). {@link Fixtures#provisionMember} does the same with a fixed name.
     */
    MemberId oktaMember(Tenant tenant, String givenName, String familyName) {
        return oktaMember(tenant, Fixtures.OKTA, givenName, familyName);
    }

    /** A member pushed by Okta with this context's Secret Token (one the organization issued after another). */
    MemberId oktaMember(Tenant tenant, CommandContext okta, String givenName, String familyName) {
        return oktaMember(tenant, okta, email(givenName, familyName), PersonName.of(givenName, familyName), null);
    }

    /** A member pushed by Okta with this name and display name, as sent (line breaks and all). */
    MemberId oktaMember(Tenant tenant, CommandContext okta, String email, PersonName name, String displayName) {
        return oktaMember(tenant, okta, email, name, displayName, Map.of());
    }

    /** A member pushed by Okta with attributes beyond the core ones (an extension's, keyed by its schema URN). */
    MemberId oktaMember(
            Tenant tenant,
            CommandContext okta,
            String email,
            PersonName name,
            String displayName,
            Map<String, Object> attributes) {
        MemberId id = MemberId.random();
        commands.send(
                okta,
                new ProvisionMemberCommand(
                        id,
                        tenant.id(),
                        new MemberProfile(
                                new UserName(email),
                                name,
                                displayName,
                                List.of(EmailAddress.work(email)),
                                "00u" + id.value().substring(0, 8),
                                attributes),
                        true));
        return id;
    }

    /** A group pushed by Okta as a team, with its members: the command the SCIM endpoint sends for POST /Groups. */
    TeamId oktaTeam(Tenant tenant, String name, MemberId... memberIds) {
        TeamId id = TeamId.random();
        commands.send(
                Fixtures.OKTA,
                new ProvisionTeamCommand(id, tenant.id(), new TeamName(name), "00g" + name, List.of(memberIds)));
        return id;
    }

    /** Okta deletes a member (the command the SCIM endpoint sends for DELETE /Users/{id}, as Entra does). */
    void oktaDeletes(Tenant tenant, MemberId member) {
        commands.send(Fixtures.OKTA, new DeprovisionMemberCommand(member, tenant.id(), null));
    }

    /** Okta deletes a team (the command the SCIM endpoint sends for DELETE /Groups/{id}). */
    void oktaDeletes(Tenant tenant, TeamId team) {
        commands.send(Fixtures.OKTA, new DeprovisionTeamCommand(team, tenant.id(), null));
    }

    TeamId team(Tenant tenant, String name, MemberId... memberIds) {
        TeamId id = teams.create(ADMIN, tenant.id(), name);
        for (MemberId member : memberIds) {
            teams.addMember(ADMIN, tenant.id(), id, member);
        }
        return id;
    }

    void renameTeam(Tenant tenant, TeamId team, String name) {
        teams.rename(ADMIN, tenant.id(), team, name);
    }

    void deleteTeam(Tenant tenant, TeamId team) {
        teams.delete(ADMIN, tenant.id(), team);
    }

    void addToTeam(Tenant tenant, TeamId team, MemberId member) {
        teams.addMember(ADMIN, tenant.id(), team, member);
    }

    void removeFromTeam(Tenant tenant, TeamId team, MemberId member) {
        teams.removeMember(ADMIN, tenant.id(), team, member);
    }

    void changeEmail(Tenant tenant, MemberId member, String email) {
        members.edit(ADMIN, tenant.id(), member, email, null, null, null);
    }

    void rename(Tenant tenant, MemberId member, String givenName, String familyName) {
        members.edit(ADMIN, tenant.id(), member, null, PersonName.of(givenName, familyName), null, null);
    }

    void remove(Tenant tenant, MemberId member) {
        members.remove(ADMIN, tenant.id(), member);
    }

    void deactivate(Tenant tenant, MemberId member) {
        members.setActive(ADMIN, tenant.id(), member, false);
    }

    void reactivate(Tenant tenant, MemberId member) {
        members.setActive(ADMIN, tenant.id(), member, true);
    }

    static String email(String givenName, String familyName) {
        return (givenName + "." + familyName).toLowerCase(java.util.Locale.ROOT) + "@northwind.example";
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
