package com.controlpanel.provisioning.application;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.CreateOrganizationCommand;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.DisableProvisioningCommand;
import com.controlpanel.provisioning.domain.api.EnableProvisioningCommand;
import com.controlpanel.provisioning.domain.api.GrantOrganizationAdminCommand;
import com.controlpanel.provisioning.domain.api.IssueProvisioningCredentialsCommand;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.RecordAdminPasswordGivenCommand;
import com.controlpanel.provisioning.domain.api.RenameOrganizationCommand;
import com.controlpanel.provisioning.domain.api.RevokeOrganizationAdminCommand;
import com.controlpanel.provisioning.domain.api.SecretToken;
import com.controlpanel.provisioning.domain.api.TenantId;
import java.util.Optional;

/** Organizations and their provisioning integration: switch on and off, issue secret tokens. */
public class OrganizationAdministration {

    private final Commands commands;

    public OrganizationAdministration(Commands commands) {
        this.commands = commands;
    }

    public OrganizationId create(CommandContext context, String name) {
        OrganizationId id = OrganizationId.random();
        commands.send(context, new CreateOrganizationCommand(id, name, TenantId.random()));
        return id;
    }

    /**
     * Gives the organization another name (the same name again changes nothing).
     *
     * @throws com.controlpanel.provisioning.domain.api.InvalidValueException if the name is blank, too long or has
     *     control characters
     */
    public void rename(CommandContext context, OrganizationId organizationId, String name) {
        commands.send(context, new RenameOrganizationCommand(organizationId, name));
    }

    public void grantAdmin(CommandContext context, OrganizationId organizationId, AdminId adminId, String email) {
        commands.send(context, new GrantOrganizationAdminCommand(organizationId, adminId, email));
    }

    /**
     * Removes an admin from the organization (the account stays, with any other organization it manages).
     *
     * @throws com.controlpanel.provisioning.domain.api.NotFoundException if it is no admin of this organization
     * @throws com.controlpanel.provisioning.domain.api.RuleViolationException if it is the last one
     */
    public void revokeAdmin(CommandContext context, OrganizationId organizationId, AdminId adminId) {
        commands.send(context, new RevokeOrganizationAdminCommand(organizationId, adminId));
    }

    /**
     * Records that one of the organization's admins is given a new password (never the password itself), named by the
     * email the account has now.
     *
     * @throws com.controlpanel.provisioning.domain.api.NotFoundException if it is no admin of this organization
     */
    public void recordPasswordGiven(
            CommandContext context, OrganizationId organizationId, AdminId adminId, String email) {
        commands.send(context, new RecordAdminPasswordGivenCommand(organizationId, adminId, email));
    }

    /** Switches provisioning on; the token is present only if this call switched it on. */
    public Optional<IssuedCredentials> enableProvisioning(CommandContext context, OrganizationId organizationId) {
        SecretToken token = SecretToken.generate();
        CredentialId credentialId = CredentialId.random();
        Boolean enabled =
                commands.send(context, new EnableProvisioningCommand(organizationId, credentialId, token.hash()));
        return Boolean.TRUE.equals(enabled)
                ? Optional.of(new IssuedCredentials(credentialId, token))
                : Optional.empty();
    }

    public void disableProvisioning(CommandContext context, OrganizationId organizationId) {
        commands.send(context, new DisableProvisioningCommand(organizationId));
    }

    /** Issues a new token; the previous one stops working when this returns. */
    public IssuedCredentials issueCredentials(CommandContext context, OrganizationId organizationId) {
        SecretToken token = SecretToken.generate();
        CredentialId credentialId = CredentialId.random();
        commands.send(context, new IssueProvisioningCredentialsCommand(organizationId, credentialId, token.hash()));
        return new IssuedCredentials(credentialId, token);
    }
}
