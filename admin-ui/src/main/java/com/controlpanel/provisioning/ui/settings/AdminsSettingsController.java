package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.ErrorCode;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.AnsweredForms;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.Refusals;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * Settings → Admins: who manages the organization; add an admin by email (a new account gets a generated password,
 * shown once, on the page answering the form), remove one (never the last). Each other POST redirects.
 */
@Controller
@RequestMapping("/orgs/{org}/settings/admins")
public class AdminsSettingsController {

    static final String GENERATED = "generatedPassword";
    static final String GENERATED_FOR = "generatedFor";

    private final Workspaces workspaces;
    private final OrganizationAdmins admins;
    private final Acting acting;
    private final AdminPasswords passwords;

    public AdminsSettingsController(
            Workspaces workspaces, OrganizationAdmins admins, Acting acting, AdminPasswords passwords) {
        this.workspaces = workspaces;
        this.admins = admins;
        this.acting = acting;
        this.passwords = passwords;
    }

    @GetMapping({"", "/"})
    String list(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String remove,
            Model model) {
        // the admin whose removal the address asks about (?remove=<id>, the page's link, which works without
        // scripts; with them the dialog opens in place)
        model.addAttribute("removing", remove == null ? "" : remove);
        return page(workspaces.open(admin, org, "settings"), admin, new FormErrors(), "", model);
    }

    /** The address of an add or a removal, opened rather than posted: the list. */
    @GetMapping({"/add", "/{adminId}/remove"})
    String actionAgain(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return "redirect:" + workspaces.open(admin, org, "settings").path("/settings/admins");
    }

    @PostMapping("/add")
    String add(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String yourPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "settings");
        FormErrors errors = new FormErrors();
        String given = email == null ? "" : email.strip();
        if (given.isEmpty()) {
            errors.field("email", "Enter the email of the new admin");
        }
        // a session left open is not enough to make an account with a password shown to whoever did it (a way in that
        // outlasts the session), nor to make an existing account an admin: the admin's own password, given again
        String refused = given.isEmpty() ? null : PasswordConfirmation.refused(passwords, admin, yourPassword);
        if (given.isEmpty() && (yourPassword == null || yourPassword.isEmpty())) {
            // both missing: both said at once (a password given without an email is not checked, nor counted)
            refused = PasswordConfirmation.refused(passwords, admin, yourPassword);
        }
        if (refused != null) {
            errors.field("yourPassword", refused);
        }
        if (!errors.any()) {
            OrganizationAdmins.Added added = null;
            try {
                added = admins.add(
                        acting.as(admin, request),
                        workspace.organization().organizationId(),
                        given,
                        null,
                        admin.operator());
            } catch (InvalidValueException e) {
                errors.field("email", e.getMessage());
            } catch (DomainException e) {
                if (e.errorCode() == ErrorCode.ADMIN_ACCOUNT_EXISTS) {
                    errors.field("email", e.getMessage());
                } else {
                    errors.form(Refusals.explain(e));
                }
            } catch (RuntimeException e) {
                errors.form(Refusals.explain(e));
            }
            if (added != null && added.created()) {
                // the page showing the password answers the form itself: the password is never kept for a later
                // request to show (a redirect would keep it in the session, which the database stores); outside the
                // refusals' catch, as the admin was added whatever happens now
                model.addAttribute(
                        Flash.NOTICE,
                        added.email() + " is now an admin of this organization, with a new account. Give them the"
                                + " password below: it is shown only this once.");
                return showingPassword(admins, workspace, admin, added, model);
            }
            if (added != null) {
                flash.addFlashAttribute(
                        Flash.NOTICE,
                        added.alreadyAdmin()
                                ? added.email() + " is already an admin of this organization."
                                : added.email() + " is now an admin of this organization, with the account that"
                                        + " already existed for this email: it signs in with the password it has,"
                                        + " chosen by whoever created it or changed since.");
                return "redirect:" + workspace.path("/settings/admins");
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return page(workspace, admin, errors, given, model);
    }

    @PostMapping("/{adminId}/remove")
    String remove(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String adminId,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "settings");
        String email = admins.of(workspace.organization().organizationId()).stream()
                .filter(found -> found.adminId().value().equals(adminId))
                .map(OrganizationAdmins.Admin::email)
                .findFirst()
                .orElse(null);
        if (email == null) {
            flash.addFlashAttribute(Flash.ALERT, "This admin is no longer an admin of this organization.");
            return "redirect:" + workspace.path("/settings/admins");
        }
        try {
            admins.remove(acting.as(admin, request), workspace.organization().organizationId(), new AdminId(adminId));
        } catch (RuntimeException e) {
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + workspace.path("/settings/admins");
        }
        if (admin.adminId().value().equals(adminId) && !admin.operator()) {
            // they no longer manage this organization: on to the ones they still do (or the page saying there is none)
            return "redirect:/";
        }
        flash.addFlashAttribute(Flash.NOTICE, email + " is no longer an admin of this organization.");
        return "redirect:" + workspace.path("/settings/admins");
    }

    /**
     * The admins of the workspace's organization with the password just generated for a new account, answering the
     * form that made it ({@link AnsweredForms}): shown once, never kept.
     */
    static String showingPassword(
            OrganizationAdmins admins,
            Workspace workspace,
            ControlPanelAdmin admin,
            OrganizationAdmins.Added added,
            Model model) {
        model.addAttribute(GENERATED, added.generatedPassword());
        model.addAttribute(GENERATED_FOR, added.email());
        AnsweredForms.standsFor(model, workspace.path("/settings/admins"));
        return page(admins, workspace, admin, new FormErrors(), "", model);
    }

    private String page(Workspace workspace, ControlPanelAdmin admin, FormErrors errors, String email, Model model) {
        return page(admins, workspace, admin, errors, email, model);
    }

    private static String page(
            OrganizationAdmins admins,
            Workspace workspace,
            ControlPanelAdmin admin,
            FormErrors errors,
            String email,
            Model model) {
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", admin.operator());
        model.addAttribute("admins", admins.of(workspace.organization().organizationId()));
        model.addAttribute("you", admin.adminId());
        model.addAttribute("errors", errors);
        model.addAttribute("email", email);
        if (!model.containsAttribute("removing")) {
            model.addAttribute("removing", "");
        }
        return "settings/admins";
    }
}
