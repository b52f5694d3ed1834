package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admins of each organization, for the JSON API and the Control Panel: accounts live in {@code admin_account};
 * who manages which organization is the Organization aggregate's to decide (its events fill
 * {@code admin_organization} in the command's transaction, so a removed admin is refused on their next request).
 */
@Component
public class OrganizationAdminAccounts implements OrganizationAdmins {

    private final JdbcTemplate jdbc;
    private final AdminAccounts accounts;
    private final OrganizationAdministration organizations;
    private final TransactionTemplate transaction;

    public OrganizationAdminAccounts(
            JdbcTemplate jdbc,
            AdminAccounts accounts,
            OrganizationAdministration organizations,
            TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.organizations = organizations;
        this.transaction = transaction;
    }

    @Override
    public List<Admin> of(OrganizationId organizationId) {
        return jdbc.query(
                "SELECT a.admin_id, a.email FROM admin_organization o JOIN admin_account a ON a.admin_id = o.admin_id "
                        + "WHERE o.organization_id = ? ORDER BY a.email_key, a.admin_id",
                (rs, n) -> new Admin(new AdminId(rs.getString(1)), rs.getString(2)),
                organizationId.value());
    }

    /** The account and the grant in one transaction: a grant refused leaves no account behind. */
    @Override
    public Added add(CommandContext context, OrganizationId organizationId, String email, String password) {
        if (email == null || email.isBlank()) {
            throw new InvalidValueException("email is required");
        }
        return transaction.execute(status -> {
            var existing = accounts.findByEmail(email);
            AdminUser account;
            String generated = null;
            if (existing.isPresent()) {
                if (password != null) {
                    throw new InvalidValueException(
                            "An account with the email " + existing.get().email()
                                    + " exists; its password is not changed here: leave password out to make it an admin"
                                    + " of this organization");
                }
                account = existing.get();
            } else {
                String chosen = password;
                if (chosen == null) {
                    generated = AdminAccounts.generatePassword();
                    chosen = generated;
                }
                account = accounts.create(email, chosen, false);
            }
            organizations.grantAdmin(context, organizationId, account.adminId(), account.email());
            return new Added(account.adminId(), account.email(), existing.isEmpty(), generated);
        });
    }

    @Override
    public void remove(CommandContext context, OrganizationId organizationId, AdminId adminId) {
        organizations.revokeAdmin(context, organizationId, adminId);
    }
}
