package com.controlpanel.provisioning.domain.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.controlpanel.provisioning.domain.api.CreateOrganizationCommand;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.DisableProvisioningCommand;
import com.controlpanel.provisioning.domain.api.EnableProvisioningCommand;
import com.controlpanel.provisioning.domain.api.GrantOrganizationAdminCommand;
import com.controlpanel.provisioning.domain.api.IssueProvisioningCredentialsCommand;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationAdminPasswordGiven;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.RecordAdminPasswordGivenCommand;
import com.controlpanel.provisioning.domain.api.RenameOrganizationCommand;
import com.controlpanel.provisioning.domain.api.RevokeOrganizationAdminCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.SecretTokenHash;
import com.controlpanel.provisioning.domain.api.TenantId;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * An organization and its provisioning integration: switched on or off, and the hash of the one secret token that
 * works while it is on. Issuing credentials revokes the previous token at once (rule 7); switching off revokes it too
 * (rule 6). It keeps its admins: one is added once, and the last one is never removed. It may be renamed; the same
 * name again records nothing.
 */
@Revision("4") // the form of its snapshots: raise it when a field changes, so that older snapshots are passed over
class Organization {

    @AggregateIdentifier
    private OrganizationId organizationId;

    private String name;
    private TenantId tenantId;
    private boolean provisioningEnabled;
    private SecretTokenHash currentToken;
    /** Which token {@link #currentToken} is, so that the event that revokes it can say so. */
    private CredentialId currentCredential;
    /** The admins granted this organization (by admin id), with the email each had when granted. */
    private Map<String, String> admins = new HashMap<>();

    Organization() {
        // for event sourcing
    }

    @CommandHandler
    Organization(CreateOrganizationCommand command) {
        apply(new OrganizationCreated(command.organizationId(), command.name(), command.tenantId()));
    }

    @CommandHandler
    void handle(RenameOrganizationCommand command) {
        if (!command.name().equals(name)) {
            apply(new OrganizationRenamed(organizationId, name, command.name()));
        }
    }

    /** Returns whether provisioning was switched on (and the token issued) by this command. */
    @CommandHandler
    boolean handle(EnableProvisioningCommand command) {
        if (provisioningEnabled) {
            return false;
        }
        apply(new ProvisioningEnabled(organizationId, tenantId));
        apply(new ProvisioningCredentialsIssued(organizationId, command.credentialId(), command.tokenHash(), null));
        return true;
    }

    @CommandHandler
    void handle(DisableProvisioningCommand command) {
        if (provisioningEnabled) {
            apply(new ProvisioningDisabled(organizationId, currentCredential));
        }
    }

    @CommandHandler
    void handle(IssueProvisioningCredentialsCommand command) {
        if (!provisioningEnabled) {
            throw RuleViolationException.provisioningDisabled();
        }
        apply(new ProvisioningCredentialsIssued(
                organizationId, command.credentialId(), command.tokenHash(), currentCredential));
    }

    @CommandHandler
    void handle(GrantOrganizationAdminCommand command) {
        if (!admins.containsKey(command.adminId().value())) {
            apply(new OrganizationAdminGranted(organizationId, command.adminId(), command.email()));
        }
    }

    /** Removes an admin; one that is not an admin here is not found, the last one stays (rule: never no admin). */
    @CommandHandler
    void handle(RevokeOrganizationAdminCommand command) {
        String email = admins.get(command.adminId().value());
        if (email == null) {
            throw NotFoundException.admin(command.adminId().value());
        }
        if (admins.size() == 1) {
            throw RuleViolationException.lastAdmin(email);
        }
        apply(new OrganizationAdminRevoked(organizationId, command.adminId(), email));
    }

    /** Records a new password given to one of its admins (never the password); an account that is none is not found. */
    @CommandHandler
    void handle(RecordAdminPasswordGivenCommand command) {
        if (!admins.containsKey(command.adminId().value())) {
            throw NotFoundException.admin(command.adminId().value());
        }
        apply(new OrganizationAdminPasswordGiven(organizationId, command.adminId(), command.email()));
    }

    @EventSourcingHandler
    void on(OrganizationCreated event) {
        organizationId = event.organizationId();
        name = event.name();
        tenantId = event.tenantId();
    }

    @EventSourcingHandler
    void on(OrganizationRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ProvisioningEnabled event) {
        provisioningEnabled = true;
    }

    @EventSourcingHandler
    void on(ProvisioningDisabled event) {
        provisioningEnabled = false;
        currentToken = null;
        currentCredential = null;
    }

    @EventSourcingHandler
    void on(ProvisioningCredentialsIssued event) {
        currentToken = event.tokenHash();
        currentCredential = event.credentialId();
    }

    @EventSourcingHandler
    void on(OrganizationAdminGranted event) {
        admins.put(event.adminId().value(), event.email());
    }

    @EventSourcingHandler
    void on(OrganizationAdminRevoked event) {
        admins.remove(event.adminId().value());
    }

    /** Whether a SCIM call with this token is to be let in: provisioning on and the token the current one. */
    boolean accepts(String presentedToken) {
        return provisioningEnabled && currentToken != null && currentToken.matches(presentedToken);
    }

    boolean provisioningEnabled() {
        return provisioningEnabled;
    }
}
