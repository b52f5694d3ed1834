package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.security.AdminAccounts;
import com.controlpanel.provisioning.security.AdminUser;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start (no admin account yet): creates the first admin, an operator, and a default organization it
 * manages. The password is {@code PROVISIONING_ADMIN_PASSWORD}, or generated and printed once by {@link StartupReport}.
 */
@Component
@Order(0)
public class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final AdminAccounts accounts;
    private final OrganizationAdministration organizations;
    private final TransactionTemplate transaction;
    private final ProvisioningProperties properties;
    private volatile String generatedPassword;
    private volatile boolean passwordReset;

    public FirstStart(
            AdminAccounts accounts,
            OrganizationAdministration organizations,
            TransactionTemplate transaction,
            ProvisioningProperties properties) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.transaction = transaction;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            transaction.executeWithoutResult(status -> firstOrLaterStart());
        } catch (DuplicateKeyException e) {
            // nodes started at once on a new database: another one made the first admin while this one waited on its
            // email (the whole of this first start rolled back); this start is a later one
            if (!transaction.execute(status -> accounts.any())) {
                throw e;
            }
            generatedPassword = null;
            log.info("Another node made the first start meanwhile (the first admin and organization): this start is a"
                    + " later one");
            transaction.executeWithoutResult(status -> laterStart());
        }
    }

    private void firstOrLaterStart() {
        if (accounts.any()) {
            laterStart();
            return;
        }
        refusedAs("PROVISIONING_ADMIN_EMAIL", () -> AdminAccounts.checkedEmail(properties.adminEmail()));
        String password = properties.adminPassword();
        if (password != null) {
            refusedAs("PROVISIONING_ADMIN_PASSWORD", () -> AdminAccounts.requireStrong(properties.adminPassword()));
        } else {
            password = AdminAccounts.generatePassword();
            generatedPassword = password;
        }
        AdminUser admin = accounts.create(properties.adminEmail(), password, true);
        CommandContext system = CommandContext.system();
        OrganizationId organization = organizations.create(system, properties.defaultOrganizationName());
        organizations.grantAdmin(system, organization, admin.adminId(), admin.email());
        log.info(
                "First start: created admin {} and organization '{}'",
                admin.email(),
                properties.defaultOrganizationName());
    }

    /**
     * A start on data that has admins: the first admin's settings no longer apply, except to reset a lost password
     * ({@code PROVISIONING_ADMIN_PASSWORD_RESET}); anything else set is said to be ignored, so that nobody signs in
     * with a password the service never took.
     */
    private void laterStart() {
        String email = properties.adminEmail();
        if (properties.adminPasswordReset()) {
            if (properties.adminPassword() == null) {
                throw new SettingRefused(
                        "PROVISIONING_ADMIN_PASSWORD_RESET", "it needs PROVISIONING_ADMIN_PASSWORD (the new password)");
            }
            refusedAs("PROVISIONING_ADMIN_PASSWORD", () -> AdminAccounts.requireStrong(properties.adminPassword()));
            if (!accounts.setPassword(email, properties.adminPassword())) {
                throw new SettingRefused(
                        "PROVISIONING_ADMIN_PASSWORD_RESET",
                        "there is no admin " + email + " (PROVISIONING_ADMIN_EMAIL) whose password to set");
            }
            log.warn(
                    "Set the password of admin {} from PROVISIONING_ADMIN_PASSWORD (PROVISIONING_ADMIN_PASSWORD_RESET):"
                            + " remove PROVISIONING_ADMIN_PASSWORD_RESET, PROVISIONING_ADMIN_PASSWORD and"
                            + " PROVISIONING_ADMIN_EMAIL now",
                    email);
            passwordReset = true;
            return;
        }
        // the default email naming nobody is no setting of the operator's (the first admin had another address)
        boolean emailIgnored = !email.equals(ProvisioningProperties.DEFAULT_ADMIN_EMAIL)
                && accounts.findByEmail(email).isEmpty();
        boolean passwordIgnored = properties.adminPassword() != null;
        if (emailIgnored || passwordIgnored) {
            String ignored = emailIgnored && passwordIgnored
                    ? "PROVISIONING_ADMIN_EMAIL (" + email + ", no admin) and PROVISIONING_ADMIN_PASSWORD apply"
                    : emailIgnored
                            ? "PROVISIONING_ADMIN_EMAIL (" + email + ", no admin) applies"
                            : "PROVISIONING_ADMIN_PASSWORD applies";
            log.warn(
                    "{} to the first start only and {} ignored now (admins exist). To set a new password for an"
                            + " existing admin, start once with PROVISIONING_ADMIN_EMAIL, PROVISIONING_ADMIN_PASSWORD"
                            + " and PROVISIONING_ADMIN_PASSWORD_RESET=true",
                    ignored,
                    emailIgnored && passwordIgnored ? "are" : "is");
        }
    }

    /** Runs a check of a setting; what it refuses stops the start, naming the setting. */
    private static void refusedAs(String setting, Runnable check) {
        try {
            check.run();
        } catch (InvalidValueException e) {
            throw new SettingRefused(setting, e.getMessage());
        }
    }

    /** The admin a start names for signing in: the one configured if it exists, else the first operator. */
    public String adminToSignInAs() {
        return accounts.findByEmail(properties.adminEmail())
                .map(admin -> admin.email())
                .or(accounts::firstOperatorEmail)
                .orElse(properties.adminEmail());
    }

    /** Whether this start set the admin's password from the reset switch. */
    boolean passwordReset() {
        return passwordReset;
    }

    /** The first admin's password if this start generated it; it is shown once and never stored in clear. */
    Optional<String> generatedPassword() {
        return Optional.ofNullable(generatedPassword);
    }
}
