package com.controlpanel.provisioning.rest.admin;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.security.CurrentActor;
import com.controlpanel.provisioning.security.OrganizationAdminAccounts;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/accounts} (operator only): every admin account of the deployment with the organizations it
 * manages, the deletion of one (an admin leaving: removed from each of its organizations, then the account), and a
 * new password for one (an admin who forgot theirs).
 */
@RestController
@RequestMapping("/api/admin/accounts")
public class AdminAccountsController {

    /** An account as the operator sees it. */
    public record AccountJson(
            String id, String email, boolean operator, List<String> organizations, Instant lastSignedInAt) {}

    /** A new password given to an account: shown this once. */
    public record NewPasswordJson(String id, String email, String password) {}

    private final OrganizationAdminAccounts accounts;

    public AdminAccountsController(OrganizationAdminAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    public List<AccountJson> list(@AuthenticationPrincipal AdminUser admin) {
        requireOperator(admin);
        return accounts.all().stream()
                .map(account -> new AccountJson(
                        account.adminId().value(),
                        account.email(),
                        account.operator(),
                        account.organizations().stream().map(org -> org.value()).toList(),
                        account.lastSignedInAt()))
                .toList();
    }

    /**
     * 204 once the account is removed from every organization it managed (each an {@code OrganizationAdminRevoked}
     * in that organization's history) and deleted; 404 {@code admin-not-found}; 409 {@code last-admin} when it is
     * an organization's only admin (nothing changed: add another admin there first), {@code operator-account} for an
     * operator.
     */
    @DeleteMapping("/{adminId}")
    public ResponseEntity<Void> delete(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String adminId, HttpServletRequest request) {
        requireOperator(admin);
        accounts.delete(CurrentActor.of(admin, request), accountId(adminId));
        return ResponseEntity.noContent().build();
    }

    /**
     * An admin who forgot their password: 200 with a new, generated password, shown this once (the former one stops
     * working, the account's Control Panel sessions end; each organization it manages records an
     * {@code OrganizationAdminPasswordGiven} first, never the password); 404 {@code admin-not-found}; 409 {@code own-account} for
     * the operator's own (changed through {@code POST /api/account/password}, with the current one).
     */
    @PostMapping("/{adminId}/password")
    public NewPasswordJson newPassword(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String adminId, HttpServletRequest request) {
        requireOperator(admin);
        OrganizationAdmins.NewPassword given =
                accounts.newPassword(CurrentActor.of(admin, request), admin, accountId(adminId));
        return new NewPasswordJson(given.adminId().value(), given.email(), given.password());
    }

    private static AdminId accountId(String adminId) {
        try {
            return new AdminId(adminId);
        } catch (InvalidValueException e) {
            throw NotFoundException.account(adminId);
        }
    }

    private static void requireOperator(AdminUser admin) {
        if (!admin.operator()) {
            throw ApiException.forbidden("Only the operator may see, delete and give new passwords to admin accounts");
        }
    }
}
