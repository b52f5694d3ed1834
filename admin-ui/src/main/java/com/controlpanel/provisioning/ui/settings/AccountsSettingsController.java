package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.AnsweredForms;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Paging;
import com.controlpanel.provisioning.ui.layout.Refusals;
import com.controlpanel.provisioning.ui.layout.SearchLinks;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → All accounts (the operator only): every admin account of the deployment with the organizations it
 * manages; an account's page gives it a new password (an admin who forgot theirs: shown once), says what deleting it
 * does, or which organizations it is the only admin of, and deletes it (an admin who leaves). Anyone else is refused,
 * also when the request is forced.
 */
@Controller
@RequestMapping("/orgs/{org}/settings/accounts")
public class AccountsSettingsController {

    /** An organization an account manages: its name, or its id while the directory has not shown it yet. */
    public record Managed(String id, String name) {}

    /** An account as the operator sees it: the organizations it manages by name, those it is the only admin of. */
    public record AccountView(
            String id,
            String email,
            boolean operator,
            List<Managed> organizations,
            List<Managed> onlyAdminOf,
            String lastSignedIn,
            String lastSignedInExactly) {

        public boolean deletable() {
            return !operator && onlyAdminOf.isEmpty();
        }
    }

    static final int PAGE_SIZE = 50;
    /** The field of the deletion's form in which the operator gives their password (the page has two such forms). */
    static final String DELETE_CONFIRMATION = "deleteYourPassword";

    private final Workspaces workspaces;
    private final DirectoryQueries directory;
    private final OrganizationAdmins admins;
    private final Acting acting;
    private final AdminPasswords passwords;

    public AccountsSettingsController(
            Workspaces workspaces,
            DirectoryQueries directory,
            OrganizationAdmins admins,
            Acting acting,
            AdminPasswords passwords) {
        this.workspaces = workspaces;
        this.directory = directory;
        this.admins = admins;
        this.acting = acting;
        this.passwords = passwords;
    }

    @ItsParametersOnly
    @GetMapping({"", "/"})
    String list(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer offset,
            Model model) {
        Workspace workspace = operatorOnly(admin, org);
        SearchLinks search = new SearchLinks(q);
        int from = Paging.offset(offset);
        OrganizationAdmins.AccountPage page = admins.accounts(search.q(), from, PAGE_SIZE);
        List<AccountView> accounts = views(page.items());
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", true);
        model.addAttribute("you", admin.adminId().value());
        model.addAttribute("accounts", accounts);
        model.addAttribute("search", search);
        model.addAttribute("paging", new Paging(page.total(), from, PAGE_SIZE, accounts.size()));
        model.addAttribute(
                "accountCount", search.filtered() ? admins.accounts(null, 0, 0).total() : page.total());
        model.addAttribute("withoutOrganization", admins.countWithoutOrganization());
        return "settings/accounts";
    }

    @GetMapping("/{adminId}")
    String account(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String adminId,
            Model model) {
        return accountPage(admin, operatorOnly(admin, org), find(adminId), model);
    }

    private static String accountPage(ControlPanelAdmin admin, Workspace workspace, AccountView account, Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", new FormErrors());
        }
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", true);
        model.addAttribute("you", admin.adminId().value());
        model.addAttribute("account", account);
        return "settings/account";
    }

    /** The address of a new password, opened rather than posted: the account's page (no password is made). */
    @GetMapping("/{adminId}/password")
    String newPasswordAgain(
            @AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, @PathVariable String adminId) {
        return "redirect:" + operatorOnly(admin, org).path("/settings/accounts/" + adminId);
    }

    /**
     * A new password for the account, once the operator has given their own again (a session left open is not enough
     * to give one), answering the form ({@link AnsweredForms}: the page then stands for the
     * account's page, so that a reload makes no other password): shown this once, never kept.
     */
    @PostMapping("/{adminId}/password")
    String newPassword(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String adminId,
            @RequestParam(required = false) String yourPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = operatorOnly(admin, org);
        String accounts = workspace.path("/settings/accounts");
        AccountView account;
        OrganizationAdmins.NewPassword given;
        try {
            account = find(adminId);
            // the operator's own account is refused as such below, whatever they typed
            String refused = adminId.equals(admin.adminId().value())
                    ? null
                    : PasswordConfirmation.refused(passwords, admin, yourPassword);
            if (refused != null) {
                return refusedPage(admin, workspace, account, "yourPassword", refused, response, model);
            }
            given = admins.newPassword(acting.as(admin, request), admin, new AdminId(adminId));
        } catch (PageNotFound | NotFoundException e) {
            flash.addFlashAttribute(Flash.ALERT, "This account no longer exists.");
            return "redirect:" + accounts;
        } catch (RuntimeException e) {
            // the operator's own account
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + accounts + "/" + adminId;
        }
        model.addAttribute(AdminsSettingsController.GENERATED, given.password());
        model.addAttribute(AdminsSettingsController.GENERATED_FOR, given.email());
        AnsweredForms.standsFor(model, accounts + "/" + adminId);
        return accountPage(admin, workspace, account, model);
    }

    /** The account's page again, 422, the refusal of the operator's password beside the field of the form sent. */
    private static String refusedPage(
            ControlPanelAdmin admin,
            Workspace workspace,
            AccountView account,
            String field,
            String refused,
            HttpServletResponse response,
            Model model) {
        FormErrors errors = new FormErrors();
        errors.field(field, refused);
        model.addAttribute("errors", errors);
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return accountPage(admin, workspace, account, model);
    }

    /** The address of a deletion, opened rather than posted: the account's page. */
    @GetMapping("/{adminId}/delete")
    String deleteAgain(
            @AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, @PathVariable String adminId) {
        return "redirect:" + operatorOnly(admin, org).path("/settings/accounts/" + adminId);
    }

    /**
     * Deletes the account, once the operator has given their own password again: a session left open is not enough
     * to delete an account (and to add its email again, as a new account with a password shown to whoever did).
     */
    @PostMapping("/{adminId}/delete")
    String delete(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String adminId,
            @RequestParam(required = false) String yourPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = operatorOnly(admin, org);
        String accounts = workspace.path("/settings/accounts");
        AccountView account;
        try {
            account = find(adminId);
        } catch (PageNotFound e) {
            flash.addFlashAttribute(Flash.ALERT, "This account no longer exists.");
            return "redirect:" + accounts;
        }
        String refused = PasswordConfirmation.refused(passwords, admin, yourPassword);
        if (refused != null) {
            return refusedPage(admin, workspace, account, DELETE_CONFIRMATION, refused, response, model);
        }
        try {
            admins.delete(acting.as(admin, request), new AdminId(adminId));
        } catch (NotFoundException e) {
            flash.addFlashAttribute(Flash.ALERT, "This account no longer exists.");
            return "redirect:" + accounts;
        } catch (RuntimeException e) {
            // an organization whose other admins were removed meanwhile, or an operator: nothing was changed
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + accounts + "/" + adminId;
        }
        flash.addFlashAttribute(
                Flash.NOTICE,
                account.organizations().isEmpty()
                        ? "The account of " + account.email() + " is deleted."
                        : "The account of " + account.email() + " is deleted. It is no longer an admin of "
                                + account.organizations().stream()
                                        .map(Managed::name)
                                        .collect(Collectors.joining(", "))
                                + ".");
        return "redirect:" + accounts;
    }

    private Workspace operatorOnly(ControlPanelAdmin admin, String org) {
        return workspaces.openForOperator(
                admin,
                org,
                "settings",
                "Only the operator of this service may see and delete admin accounts: an account may manage several"
                        + " organizations of the deployment.");
    }

    /** These accounts as the page shows them: their organizations by name, and those they are the only admin of. */
    private List<AccountView> views(List<OrganizationAdmins.Account> accounts) {
        List<OrganizationId> managed = accounts.stream()
                .flatMap(account -> account.organizations().stream())
                .distinct()
                .toList();
        Map<OrganizationId, String> names = directory.organizations(managed).stream()
                .collect(Collectors.toMap(OrganizationRow::organizationId, OrganizationRow::name));
        Map<OrganizationId, Long> adminCounts = admins.countsOf(managed);
        return accounts.stream()
                .map(account -> view(account, names, adminCounts))
                .toList();
    }

    private AccountView find(String adminId) {
        AdminId id;
        try {
            id = new AdminId(adminId);
        } catch (InvalidValueException e) {
            throw new PageNotFound("There is no such admin account.");
        }
        return admins.account(id)
                .map(account -> views(List.of(account)).get(0))
                .orElseThrow(() -> new PageNotFound("There is no such admin account."));
    }

    private static AccountView view(
            OrganizationAdmins.Account account,
            Map<OrganizationId, String> names,
            Map<OrganizationId, Long> adminCounts) {
        Function<OrganizationId, Managed> managed = id -> new Managed(id.value(), names.getOrDefault(id, id.value()));
        List<Managed> organizations =
                account.organizations().stream().map(managed).toList();
        List<Managed> onlyAdminOf = account.organizations().stream()
                .filter(id -> adminCounts.getOrDefault(id, 0L) == 1)
                .map(managed)
                .toList();
        return new AccountView(
                account.adminId().value(),
                account.email(),
                account.operator(),
                organizations,
                onlyAdminOf,
                account.lastSignedInAt() == null ? "Never" : Dates.day(account.lastSignedInAt()),
                Dates.shown(account.lastSignedInAt()));
    }
}
