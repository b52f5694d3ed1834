package com.controlpanel.provisioning.registry;

import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.UniquenessException;
import com.controlpanel.provisioning.storage.StorableInstants;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's lookup tables in the same transaction as the events: unique userNames and team names per
 * organization (the unique indexes make them hold across concurrent commands and nodes), the current token hash of
 * each tenant, and which admin manages which organization. A userName or team name taken meanwhile by a concurrent
 * command refuses this one.
 */
@Component
@ProcessingGroup(CommandSideProjection.PROCESSING_GROUP)
public class CommandSideProjection {

    public static final String PROCESSING_GROUP = "command-side";

    private final JdbcTemplate jdbc;

    public CommandSideProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationCreated event, @Timestamp Instant at) {
        jdbc.update(
                "INSERT INTO cs_organization (organization_id, name, tenant_id, provisioning_enabled, created_at) "
                        + "VALUES (?,?,?,FALSE,?)",
                event.organizationId().value(),
                event.name(),
                event.tenantId().value(),
                StorableInstants.utc(at));
    }

    @EventHandler
    void on(OrganizationRenamed event) {
        jdbc.update(
                "UPDATE cs_organization SET name = ? WHERE organization_id = ?",
                event.name(),
                event.organizationId().value());
    }

    @EventHandler
    void on(ProvisioningEnabled event) {
        jdbc.update(
                "UPDATE cs_organization SET provisioning_enabled = TRUE WHERE organization_id = ?",
                event.organizationId().value());
    }

    @EventHandler
    void on(ProvisioningDisabled event) {
        jdbc.update(
                "UPDATE cs_organization SET provisioning_enabled = FALSE, credential_id = NULL, token_hash = NULL, "
                        + "token_issued_at = NULL WHERE organization_id = ?",
                event.organizationId().value());
    }

    @EventHandler
    void on(ProvisioningCredentialsIssued event, @Timestamp Instant at) {
        jdbc.update(
                "UPDATE cs_organization SET credential_id = ?, token_hash = ?, token_issued_at = ? "
                        + "WHERE organization_id = ?",
                event.credentialId().value(),
                event.tokenHash().value(),
                StorableInstants.utc(at),
                event.organizationId().value());
    }

    @EventHandler
    void on(OrganizationAdminGranted event) {
        Integer present = jdbc.queryForObject(
                "SELECT COUNT(*) FROM admin_organization WHERE admin_id = ? AND organization_id = ?",
                Integer.class,
                event.adminId().value(),
                event.organizationId().value());
        if (present == null || present == 0) {
            jdbc.update(
                    "INSERT INTO admin_organization (admin_id, organization_id) VALUES (?,?)",
                    event.adminId().value(),
                    event.organizationId().value());
        }
    }

    @EventHandler
    void on(OrganizationAdminRevoked event) {
        jdbc.update(
                "DELETE FROM admin_organization WHERE admin_id = ? AND organization_id = ?",
                event.adminId().value(),
                event.organizationId().value());
    }

    @EventHandler
    void on(MemberProvisioned event) {
        try {
            jdbc.update(
                    "INSERT INTO cs_member (member_id, organization_id, user_name_key, source) VALUES (?,?,?,?)",
                    event.memberId().value(),
                    event.organizationId().value(),
                    event.profile().userName().key(),
                    event.source().name());
        } catch (DuplicateKeyException e) {
            throw UniquenessException.userName(event.profile().userName());
        }
    }

    @EventHandler
    void on(MemberProfileChanged event) {
        // written again whenever the userName is: one that kept its former key beside another's (CaseKeys) and is
        // renamed takes its case-folded key, or is refused if the other still holds it
        if (event.profile()
                .userName()
                .value()
                .equals(event.previous().userName().value())) {
            return;
        }
        try {
            jdbc.update(
                    "UPDATE cs_member SET user_name_key = ? WHERE member_id = ?",
                    event.profile().userName().key(),
                    event.memberId().value());
        } catch (DuplicateKeyException e) {
            throw UniquenessException.userName(event.profile().userName());
        }
    }

    @EventHandler
    void on(MemberTakenOver event) {
        jdbc.update(
                "UPDATE cs_member SET source = ? WHERE member_id = ?",
                Source.OKTA.name(),
                event.memberId().value());
    }

    @EventHandler
    void on(MemberDeprovisioned event) {
        jdbc.update(
                "DELETE FROM cs_member WHERE member_id = ?", event.memberId().value());
    }

    @EventHandler
    void on(MemberRemoved event) {
        jdbc.update(
                "DELETE FROM cs_member WHERE member_id = ?", event.memberId().value());
    }

    @EventHandler
    void on(TeamProvisioned event) {
        try {
            jdbc.update(
                    "INSERT INTO cs_team (team_id, organization_id, name_key, source) VALUES (?,?,?,?)",
                    event.teamId().value(),
                    event.organizationId().value(),
                    event.displayName().key(),
                    event.source().name());
        } catch (DuplicateKeyException e) {
            throw UniquenessException.teamName(event.displayName());
        }
    }

    @EventHandler
    void on(TeamRenamed event) {
        if (event.displayName().value().equals(event.previous().value())) {
            return; // as for userNames: written again whenever the name is
        }
        try {
            jdbc.update(
                    "UPDATE cs_team SET name_key = ? WHERE team_id = ?",
                    event.displayName().key(),
                    event.teamId().value());
        } catch (DuplicateKeyException e) {
            throw UniquenessException.teamName(event.displayName());
        }
    }

    @EventHandler
    void on(TeamTakenOver event) {
        jdbc.update(
                "UPDATE cs_team SET source = ? WHERE team_id = ?",
                Source.OKTA.name(),
                event.teamId().value());
    }

    @EventHandler
    void on(TeamDeleted event) {
        jdbc.update("DELETE FROM cs_team WHERE team_id = ?", event.teamId().value());
    }
}
