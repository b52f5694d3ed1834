package com.controlpanel.provisioning.ui.account;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.AdminSessions;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
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
 * The signed-in admin's account: their email, a change of their own password (the current one asked again, the new
 * one twice), and where else they are signed in, with a way to sign out everywhere else. Reached from the admin's
 * email at the top of every page.
 */
@Controller
@RequestMapping("/orgs/{org}/account")
public class AccountPagesController {

    private final Workspaces workspaces;
    private final AdminPasswords passwords;
    private final AdminSessions sessions;

    public AccountPagesController(Workspaces workspaces, AdminPasswords passwords, AdminSessions sessions) {
        this.workspaces = workspaces;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    @GetMapping({"", "/"})
    String account(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            HttpServletRequest request,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "account");
        return page(admin, workspace, new FormErrors(), request, model);
    }

    private String page(
            ControlPanelAdmin admin, Workspace workspace, FormErrors errors, HttpServletRequest request, Model model) {
        model.addAttribute("workspace", workspace);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "otherSessions",
                sessions.others(admin, request.getSession(false)).stream()
                        .map(SessionView::of)
                        .toList());
        return "account/account";
    }

    /** The address of signing out elsewhere, opened rather than posted: the account page. */
    @GetMapping("/sessions/end")
    String endSessionsAgain(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return "redirect:" + workspaces.open(admin, org, "account").path("/account");
    }

    /** Signs the admin out of every other session of theirs, on every node; this one stays signed in. */
    @PostMapping("/sessions/end")
    String endOtherSessions(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "account");
        int ended = sessions.endOthers(admin, request.getSession());
        flash.addFlashAttribute(
                Flash.NOTICE,
                ended == 0
                        ? "You were signed in nowhere else: nothing to sign out of."
                        : "You are signed out everywhere else (" + ended + (ended == 1 ? " session" : " sessions")
                                + "). You stay signed in here.");
        return "redirect:" + workspace.path("/account");
    }

    /** The address of the change, opened rather than posted: the account page. */
    @GetMapping("/password")
    String passwordAgain(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return "redirect:" + workspaces.open(admin, org, "account").path("/account");
    }

    @PostMapping("/password")
    String changePassword(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String confirmPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "account");
        FormErrors errors = new FormErrors();
        if (currentPassword == null || currentPassword.isEmpty()) {
            errors.field("currentPassword", "Enter your current password");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            errors.field("newPassword", "Enter a new password");
        } else if (!Objects.equals(newPassword, confirmPassword)) {
            errors.field("confirmPassword", "The two new passwords are not the same");
        }
        if (!errors.any()) {
            try {
                AdminPasswords.Outcome outcome = passwords.change(admin, currentPassword, newPassword);
                if (outcome.kind() == AdminPasswords.Outcome.Kind.WRONG_CURRENT_PASSWORD) {
                    errors.field("currentPassword", "This is not your current password");
                } else if (outcome.kind() == AdminPasswords.Outcome.Kind.TOO_MANY_ATTEMPTS) {
                    errors.field(
                            "currentPassword",
                            "Too many wrong current passwords: try again in " + outcome.retryAfterInWords()
                                    + " (nothing was changed)");
                } else {
                    passwords.keepSignedIn(admin, request.getSession());
                    flash.addFlashAttribute(
                            Flash.NOTICE,
                            "Your password is changed. Use it the next time you sign in. Anywhere else you were "
                                    + "signed in, you are signed out.");
                    return "redirect:" + workspace.path("/account");
                }
            } catch (InvalidValueException e) {
                errors.field("newPassword", e.getMessage().replace("An admin password", "The new password"));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return page(admin, workspace, errors, request, model);
    }
}
