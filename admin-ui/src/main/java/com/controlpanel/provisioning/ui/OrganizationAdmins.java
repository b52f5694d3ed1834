package com.controlpanel.provisioning.ui;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who administers an organization: listed, added and removed; and, for the operator, every admin account of the
 * deployment, deleted when its admin leaves. Answered by the application's admin accounts.
 */
public interface OrganizationAdmins {

    /** An admin granted the organization. */
    record Admin(AdminId adminId, String email) {}

    /**
     * An admin added: an existing account, or one created for the email; a password generated for a new account is
     * given here once and stored only as its hash. {@code alreadyAdmin}: it was one before, nothing changed.
     */
    record Added(AdminId adminId, String email, boolean created, String generatedPassword, boolean alreadyAdmin) {}

    /** A new password given to an account: shown this once. */
    record NewPassword(AdminId adminId, String email, String password) {}

    /** The organization's admins, by email (operators manage every organization and are listed only if granted). */
    List<Admin> of(OrganizationId organizationId);

    /**
     * Makes the account with this email an admin of the organization, creating it if there is none: with the password
     * given, or a generated one when none is. An account that exists already is made an admin of another organization
     * only by the operator: whoever created it knows the password it was created with, so an organization's admin who
     * could add any existing account could hand it to a stranger who set it up in advance.
     *
     * @param byOperator whether the admin asking is the operator
     * @throws com.controlpanel.provisioning.domain.api.InvalidValueException for an email that is no email, a password
     *     too short or too long, or a password given for an existing account (it is not changed here)
     * @throws com.controlpanel.provisioning.domain.api.DomainException {@code admin-account-exists} for an existing
     *     account not yet an admin here, asked by anyone but the operator
     */
    Added add(CommandContext context, OrganizationId organizationId, String email, String password, boolean byOperator);

    /**
     * Removes an admin from the organization; the account stays, with the other organizations it manages.
     *
     * @throws com.controlpanel.provisioning.domain.api.NotFoundException if it is no admin of this organization
     * @throws com.controlpanel.provisioning.domain.api.RuleViolationException if it is the organization's last admin
     */
    void remove(CommandContext context, OrganizationId organizationId, AdminId adminId);

    /**
     * Checks, before anything is changed, that {@link #add} can take this email: one that has an account, or one a new
     * account may have.
     *
     * @throws com.controlpanel.provisioning.domain.api.InvalidValueException for an email no account may have
     */
    void checkEmail(String email);

    /**
     * An admin account of the deployment with the organizations it is an admin of, and when it last signed in (to a
     * few minutes; null if never since that was recorded).
     */
    record Account(
            AdminId adminId,
            String email,
            boolean operator,
            List<OrganizationId> organizations,
            Instant lastSignedInAt) {}

    /** Every admin account, by email. */
    List<Account> all();

    /** A page of admin accounts, and how many there are in all (that match). */
    record AccountPage(List<Account> items, long total) {}

    /**
     * One page of the admin accounts, by email: those whose email contains the text (any case) when one is given.
     */
    AccountPage accounts(String emailContains, int offset, int limit);

    /** One admin account with its organizations; empty when there is none. */
    Optional<Account> account(AdminId adminId);

    /** How many accounts, operators aside, are an admin of no organization (they can still sign in). */
    long countWithoutOrganization();

    /**
     * How many admins each of these organizations has (an operator where it is granted), counting accounts that exist;
     * none: not in the map.
     */
    Map<OrganizationId, Long> countsOf(Collection<OrganizationId> organizationIds);

    /**
     * Deletes an account: removes it from every organization it is an admin of (each removal an event in that
     * organization's history), then the account itself; its sessions end on their next page. Checked first, so that
     * nothing changes when it is an organization's only admin or an operator.
     *
     * @throws com.controlpanel.provisioning.domain.api.NotFoundException if there is no such account
     * @throws com.controlpanel.provisioning.domain.api.DomainException {@code last-admin} when it is an organization's
     *     only admin, {@code operator-account} for an operator
     */
    void delete(CommandContext context, AdminId adminId);

    /**
     * Gives an account a new, generated password, for an admin who forgot theirs: the operator is shown it once and
     * hands it over. The former password stops working at once; the account's Control Panel sessions end on their next
     * page, and its JSON API scripts need the new one. Each organization the account manages records it first (an
     * {@code OrganizationAdminPasswordGiven}, never the password): its Activity says who gave whom a new password.
     *
     * @param context who gives it, for those records
     * @param operator who gives it (not their own account)
     * @return the account and its new password
     * @throws com.controlpanel.provisioning.domain.api.NotFoundException if there is no such account
     * @throws com.controlpanel.provisioning.domain.api.DomainException {@code own-account} for the operator's own
     *     account (changed under Your account, with the current password)
     */
    NewPassword newPassword(CommandContext context, ControlPanelAdmin operator, AdminId adminId);
}
