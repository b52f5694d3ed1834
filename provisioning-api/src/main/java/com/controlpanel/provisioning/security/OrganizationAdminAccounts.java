package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.rebuild.WriteGate;
import com.controlpanel.provisioning.storage.SqlLike;
import com.controlpanel.provisioning.storage.SqlLower;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admins of each organization, for the JSON API and the Control Panel: accounts live in {@code admin_account};
 * who manages which organization is the Organization aggregate's to decide (its events fill
 * {@code admin_organization} in the command's transaction, so a removed admin is refused on their next request).
 */
@Component
public class OrganizationAdminAccounts implements OrganizationAdmins {

    /** How many ids one query names at most. */
    private static final int IN_LIST_MAX = 500;

    private static final String ACCOUNT_SELECT =
            "SELECT admin_id, email, operator, last_signed_in_at FROM admin_account";

    private static final Logger log = LoggerFactory.getLogger(OrganizationAdminAccounts.class);

    private final JdbcTemplate jdbc;
    private final AdminAccounts accounts;
    private final OrganizationAdministration organizations;
    private final TransactionTemplate transaction;
    private final WriteGate gate;
    /** Held while admins are removed on this node: an account's deletion checks and removes in one turn. */
    private final Object removals = new Object();

    public OrganizationAdminAccounts(
            JdbcTemplate jdbc,
            AdminAccounts accounts,
            OrganizationAdministration organizations,
            TransactionTemplate transaction,
            WriteGate gate) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.organizations = organizations;
        this.transaction = transaction;
        this.gate = gate;
    }

    @Override
    public List<Admin> of(OrganizationId organizationId) {
        return jdbc.query(
                "SELECT a.admin_id, a.email FROM admin_organization o JOIN admin_account a ON a.admin_id = o.admin_id "
                        + "WHERE o.organization_id = ? ORDER BY a.email_key, a.admin_id",
                (rs, n) -> new Admin(new AdminId(rs.getString(1)), rs.getString(2)),
                organizationId.value());
    }

    /**
     * The account and the grant in one transaction: a grant refused leaves no account behind. Two requests creating the
     * same account at once: the one whose insert loses finds the account the other created and goes on with it.
     */
    @Override
    public Added add(
            CommandContext context, OrganizationId organizationId, String email, String password, boolean byOperator) {
        if (email == null || email.isBlank()) {
            throw new InvalidValueException("email is required");
        }
        // the account and the organization's command commit together: the organization's turn lasts until then, so
        // that its events are committed in the order they are stored in (the gate's lock; on PostgreSQL the command's
        // advisory lock lasts until this transaction ends anyway)
        return gate.pass(organizationId.value(), () -> {
            try {
                return transaction.execute(status -> addOnce(context, organizationId, email, password, byOperator));
            } catch (DuplicateKeyException createdMeanwhile) {
                return transaction.execute(status -> addOnce(context, organizationId, email, password, byOperator));
            }
        });
    }

    private Added addOnce(
            CommandContext context, OrganizationId organizationId, String email, String password, boolean byOperator) {
        var existing = accounts.findByEmail(email);
        if (existing.isPresent()) {
            AdminUser account = existing.get();
            if (password != null) {
                throw new InvalidValueException("An account with the email " + account.email()
                        + " exists; its password is not changed here: leave password out to make it an admin"
                        + " of this organization");
            }
            boolean already = of(organizationId).stream()
                    .anyMatch(admin -> admin.adminId().equals(account.adminId()));
            if (!already && !byOperator) {
                throw new DomainException(
                        ErrorCode.ADMIN_ACCOUNT_EXISTS,
                        "An account with the email " + account.email() + " exists already: only the operator can make"
                                + " an existing account an admin of this organization (its password is not yours to"
                                + " hand out)");
            }
            organizations.grantAdmin(context, organizationId, account.adminId(), account.email());
            return new Added(account.adminId(), account.email(), false, null, already);
        }
        String generated = password == null ? AdminAccounts.generatePassword() : null;
        AdminUser account = accounts.create(email, password == null ? generated : password, false);
        organizations.grantAdmin(context, organizationId, account.adminId(), account.email());
        return new Added(account.adminId(), account.email(), true, generated, false);
    }

    @Override
    public void remove(CommandContext context, OrganizationId organizationId, AdminId adminId) {
        synchronized (removals) {
            organizations.revokeAdmin(context, organizationId, adminId);
        }
    }

    @Override
    public void checkEmail(String email) {
        if (email == null || accounts.findByEmail(email).isEmpty()) {
            AdminAccounts.checkedEmail(email);
        }
    }

    @Override
    public Map<OrganizationId, Long> countsOf(Collection<OrganizationId> organizationIds) {
        Map<OrganizationId, Long> counts = new HashMap<>();
        List<String> ids =
                organizationIds.stream().map(OrganizationId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += IN_LIST_MAX) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_MAX));
            jdbc.query(
                    // grants of accounts that exist: the same count the deletion of an account checks against
                    "SELECT o.organization_id, COUNT(*) FROM admin_organization o JOIN admin_account a"
                            + " ON a.admin_id = o.admin_id WHERE o.organization_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") GROUP BY o.organization_id",
                    (RowCallbackHandler) rs -> counts.put(new OrganizationId(rs.getString(1)), rs.getLong(2)),
                    chunk.toArray());
        }
        return counts;
    }

    @Override
    public List<Account> all() {
        Map<String, List<OrganizationId>> granted = new HashMap<>();
        jdbc.query(
                "SELECT admin_id, organization_id FROM admin_organization ORDER BY organization_id",
                (RowCallbackHandler) rs -> granted.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new OrganizationId(rs.getString(2))));
        return jdbc.query(ACCOUNT_SELECT + " ORDER BY email_key, admin_id", (rs, n) -> account(rs, granted));
    }

    @Override
    public AccountPage accounts(String emailContains, int offset, int limit) {
        String where = "";
        List<Object> args = new ArrayList<>();
        if (emailContains != null && !emailContains.isBlank()) {
            // email_key: the email's case-insensitive key, as below; translated for an account that kept its former
            // key beside another's (schema 19), whose key still holds a letter the folding writes as another
            where = " WHERE " + SqlLower.folded("email_key") + " LIKE ? ESCAPE '!'";
            args.add("%" + SqlLike.escaped(CaseInsensitive.key(emailContains.strip())) + "%");
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM admin_account" + where, Long.class, args.toArray());
        long count = total == null ? 0 : total;
        if (limit <= 0 || count <= offset) {
            return new AccountPage(List.of(), count);
        }
        limit = Math.min(limit, IN_LIST_MAX); // the page's ids are one IN list
        args.add(limit);
        args.add(offset);
        List<String> ids = jdbc.queryForList(
                "SELECT admin_id FROM admin_account" + where + " ORDER BY email_key, admin_id LIMIT ? OFFSET ?",
                String.class,
                args.toArray());
        return new AccountPage(accountsById(ids), count);
    }

    @Override
    public Optional<Account> account(AdminId adminId) {
        return accountsById(List.of(adminId.value())).stream().findFirst();
    }

    @Override
    public long countWithoutOrganization() {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM admin_account a WHERE a.operator = FALSE AND NOT EXISTS "
                        + "(SELECT 1 FROM admin_organization o WHERE o.admin_id = a.admin_id)",
                Long.class);
        return count == null ? 0 : count;
    }

    /** These accounts (at most a page of them) with their organizations, by email. */
    private List<Account> accountsById(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = " IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")";
        Map<String, List<OrganizationId>> granted = new HashMap<>();
        jdbc.query(
                "SELECT admin_id, organization_id FROM admin_organization WHERE admin_id" + in
                        + " ORDER BY organization_id",
                (RowCallbackHandler) rs -> granted.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new OrganizationId(rs.getString(2))),
                ids.toArray());
        return jdbc.query(
                ACCOUNT_SELECT + " WHERE admin_id" + in + " ORDER BY email_key, admin_id",
                (rs, n) -> account(rs, granted),
                ids.toArray());
    }

    private static Account account(ResultSet rs, Map<String, List<OrganizationId>> granted) throws SQLException {
        OffsetDateTime lastSignedIn = rs.getObject(4, OffsetDateTime.class);
        return new Account(
                new AdminId(rs.getString(1)),
                rs.getString(2),
                rs.getBoolean(3),
                List.copyOf(granted.getOrDefault(rs.getString(1), List.of())),
                lastSignedIn == null ? null : lastSignedIn.toInstant());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Removals of admins on this node take turns, so that the check sees what the removals will find. One made
     * meanwhile on another node can still leave one of the account's organizations with it as its only admin: that
     * revocation is refused, and the account is made an admin again of the organizations it was already removed from
     * (their Activity shows both), before the refusal is answered.
     */
    @Override
    public void delete(CommandContext context, AdminId adminId) {
        synchronized (removals) {
            deleteChecked(context, adminId);
        }
    }

    @Override
    public NewPassword newPassword(CommandContext context, ControlPanelAdmin operator, AdminId adminId) {
        if (operator.adminId().equals(adminId)) {
            throw new DomainException(
                    ErrorCode.OWN_ACCOUNT,
                    "Your own password is changed under Your account, with your current one: it is not given a new"
                            + " one here");
        }
        Account account = account(adminId).orElseThrow(() -> NotFoundException.account(adminId.value()));
        // recorded before it is given: a password given is never missing from the Activity of the account's
        // organizations (one it was removed from meanwhile has nothing to record)
        for (OrganizationId organization : account.organizations()) {
            try {
                organizations.recordPasswordGiven(context, organization, adminId, account.email());
            } catch (NotFoundException removedMeanwhile) {
                log.debug("Admin {} no longer manages organization {}", account.email(), organization.value());
            }
        }
        String password = AdminAccounts.generatePassword();
        if (!accounts.givePassword(account.email(), password)) {
            // deleted meanwhile
            throw NotFoundException.account(adminId.value());
        }
        log.info("Operator {} gave admin {} a new password; its sessions end", operator.email(), account.email());
        return new NewPassword(adminId, account.email(), password);
    }

    private void deleteChecked(CommandContext context, AdminId adminId) {
        Account account = account(adminId).orElseThrow(() -> NotFoundException.account(adminId.value()));
        Map<OrganizationId, Long> admins = countsOf(account.organizations());
        if (account.operator()) {
            throw new DomainException(
                    ErrorCode.OPERATOR_ACCOUNT,
                    account.email() + " is an operator: an operator's account is not deleted");
        }
        for (OrganizationId organization : account.organizations()) {
            if (admins.getOrDefault(organization, 0L) == 1) {
                throw new DomainException(
                        ErrorCode.LAST_ADMIN,
                        account.email() + " is the only admin of organization " + organization.value()
                                + ": add another admin there first");
            }
        }
        List<OrganizationId> revoked = new ArrayList<>();
        try {
            for (OrganizationId organization : account.organizations()) {
                organizations.revokeAdmin(context, organization, adminId);
                revoked.add(organization);
            }
        } catch (RuntimeException refused) {
            for (OrganizationId organization : revoked) {
                try {
                    organizations.grantAdmin(context, organization, adminId, account.email());
                } catch (RuntimeException again) {
                    refused.addSuppressed(again);
                }
            }
            throw refused;
        }
        jdbc.update("DELETE FROM admin_account WHERE admin_id = ?", adminId.value());
    }
}
