package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.application.IssuedCredentials;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.TenantUrls;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.AnsweredForms;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.Refusals;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * Settings → User provisioning: switch it on (the Secret Token is shown once), regenerate the token, switch it off.
 * A POST that issued a token is answered by the page showing it, which the page's script then places at the settings'
 * address ({@link AnsweredForms}), so that a reload never issues a token again; the token is never stored (the
 * database keeps only its hash), not even in the session. Without scripts a reload sends the form again: its form id
 * ({@link SentForms}) makes that sending the settings page, the token masked, rather than another token. Every other
 * POST redirects.
 */
@Controller
@RequestMapping("/orgs/{org}/settings")
public class ProvisioningSettingsController {

    static final String ISSUED_TOKEN = "issuedToken";
    private static final String SWITCHED_ON = "User provisioning is on. Copy the Tenant URL and the Secret Token into"
            + " Okta now: the token is shown only this once.";
    private static final String REGENERATED = "A new Secret Token was issued and the previous one no longer works."
            + " Paste the new one into Okta now: it is shown only this once.";
    private static final String SENT_AGAIN = "This form was sent already: the Secret Token it issued is shown only"
            + " once, and no other was issued. If you did not copy it, regenerate it.";

    private final Workspaces workspaces;
    private final OrganizationAdministration organizations;
    private final DirectoryQueries directory;
    private final TenantUrls tenantUrls;
    private final Acting acting;
    private final AdminPasswords passwords;
    private final SentForms sentForms;

    public ProvisioningSettingsController(
            Workspaces workspaces,
            OrganizationAdministration organizations,
            DirectoryQueries directory,
            TenantUrls tenantUrls,
            Acting acting,
            AdminPasswords passwords,
            JdbcTemplate jdbc) {
        this.sentForms = new SentForms(jdbc, Clock.systemUTC());
        this.workspaces = workspaces;
        this.organizations = organizations;
        this.directory = directory;
        this.tenantUrls = tenantUrls;
        this.acting = acting;
        this.passwords = passwords;
    }

    @GetMapping({"", "/"})
    String settings(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return "redirect:" + workspaces.open(admin, org, "settings").path("/settings/provisioning");
    }

    /** The address of a provisioning action, opened rather than posted: the provisioning settings. */
    @GetMapping({"/provisioning/enable", "/provisioning/regenerate", "/provisioning/disable"})
    String provisioningActionAgain(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return settings(admin, org);
    }

    @GetMapping("/provisioning")
    String provisioning(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            HttpServletRequest request,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "settings");
        OrganizationRow organization = workspace.organization();
        String token = model.getAttribute(ISSUED_TOKEN) instanceof String text && organization.provisioningEnabled()
                ? text
                : null;
        long members = directory
                .findMembers(new FindMembersQuery(
                        organization.organizationId(), null, Source.OKTA, null, null, null, false, 0, 0))
                .total();
        long teams = directory
                .findTeams(new FindTeamsQuery(organization.organizationId(), null, Source.OKTA, null, false, 0, 0))
                .total();
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", admin.operator());
        // each dialog's form sent once: a second sending of the same form issues no other token
        model.addAttribute("formId", UUID.randomUUID().toString());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", new FormErrors());
        }
        if (!model.containsAttribute("confirming")) {
            model.addAttribute("confirming", askedFor(request, organization.provisioningEnabled()));
        }
        model.addAttribute(
                "provisioning",
                new ProvisioningView(
                        organization.provisioningEnabled(),
                        tenantUrls.tenantUrl(request, organization.tenantId()),
                        organization.tokenIssuedAt(),
                        token,
                        members,
                        teams));
        return "settings/provisioning";
    }

    /**
     * The dialog the page's address opens ({@code ?disable}, {@code ?regenerate}, {@code ?enable}): the page's links to
     * them, which work without scripts (with scripts the dialog opens in place), so that switching off and
     * regenerating ask first either way.
     */
    private static String askedFor(HttpServletRequest request, boolean enabled) {
        if (enabled && request.getParameter("disable") != null) {
            return "disable-dialog";
        }
        if (enabled && request.getParameter("regenerate") != null) {
            return "regenerate-dialog";
        }
        return !enabled && request.getParameter("enable") != null ? "enable-dialog" : "";
    }

    /**
     * On: a Secret Token was issued, and the answer is the page showing it, at the form's address ({@link
     * AnsweredForms}): the token is never kept for a later request to show (a redirect would keep it in the session,
     * which the database stores).
     */
    @PostMapping("/provisioning/enable")
    String enable(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String yourPassword,
            @RequestParam(required = false) String formId,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        TokenForm form = new TokenForm(
                admin, workspaces.open(admin, org, "settings"), yourPassword, request, response, flash, model);
        return once(form, formId, () -> enableOnce(form));
    }

    private String enableOnce(TokenForm form) {
        Workspace workspace = form.workspace();
        if (!workspace.organization().provisioningEnabled() && unconfirmed(form, "enable-dialog")) {
            return "settings/provisioning";
        }
        Optional<IssuedCredentials> issued;
        try {
            issued = organizations.enableProvisioning(
                    acting.as(form.admin(), form.request()),
                    workspace.organization().organizationId());
        } catch (RuntimeException e) {
            form.flash().addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + workspace.path("/settings/provisioning");
        }
        if (issued.isEmpty()) {
            form.flash().addFlashAttribute(Flash.NOTICE, "User provisioning was already on.");
            return "redirect:" + workspace.path("/settings/provisioning");
        }
        // outside the refusal's catch: a page that fails to show now is an error page, not "not switched on"
        return showingToken(form.admin(), workspace, form.request(), form.model(), issued.get(), SWITCHED_ON);
    }

    /** A new Secret Token: answered as {@link #enable} is. */
    @PostMapping("/provisioning/regenerate")
    String regenerate(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String yourPassword,
            @RequestParam(required = false) String formId,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        TokenForm form = new TokenForm(
                admin, workspaces.open(admin, org, "settings"), yourPassword, request, response, flash, model);
        return once(form, formId, () -> regenerateOnce(form));
    }

    private String regenerateOnce(TokenForm form) {
        Workspace workspace = form.workspace();
        if (workspace.organization().provisioningEnabled() && unconfirmed(form, "regenerate-dialog")) {
            return "settings/provisioning";
        }
        IssuedCredentials issued;
        try {
            issued = organizations.issueCredentials(
                    acting.as(form.admin(), form.request()),
                    workspace.organization().organizationId());
        } catch (RuntimeException e) {
            form.flash().addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + workspace.path("/settings/provisioning");
        }
        return showingToken(form.admin(), workspace, form.request(), form.model(), issued, REGENERATED);
    }

    /** A form that issues a Secret Token, as it was sent: who sent it, for which organization, and how to answer. */
    private record TokenForm(
            ControlPanelAdmin admin,
            Workspace workspace,
            String yourPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {}

    /**
     * A form that issues a token, sent once however many times it arrives ({@link SentForms}): a later sending of it (a
     * reload of the page that showed the token, in a browser without scripts) is the settings page, the token masked.
     * A form without an id (a script's) is simply sent.
     */
    private String once(TokenForm form, String formId, Supplier<String> send) {
        if (formId == null || formId.isBlank()) {
            return send.get();
        }
        return sentForms.send(
                form.admin().adminId().value(),
                formId,
                () -> {
                    String view = send.get();
                    // what it made: a token, when the answer shows one (not when refused or already on)
                    return new SentForms.Outcome(
                            view,
                            form.model().containsAttribute(ISSUED_TOKEN)
                                    ? Optional.of("secret-token")
                                    : Optional.empty());
                },
                made -> {
                    form.flash().addFlashAttribute(Flash.NOTICE, SENT_AGAIN);
                    return "redirect:" + form.workspace().path("/settings/provisioning");
                });
    }

    /**
     * Whether the admin's own password, given again before a Secret Token is issued, is refused: then the settings
     * page is ready to answer, 422, with the dialog that asked for it open and the refusal beside its field. A session
     * left open is not enough to issue a token, which never expires: a way in that outlasts the session.
     */
    private boolean unconfirmed(TokenForm form, String dialog) {
        String refused = PasswordConfirmation.refused(passwords, form.admin(), form.yourPassword());
        if (refused == null) {
            return false;
        }
        FormErrors errors = new FormErrors();
        errors.field("yourPassword", refused);
        form.model().addAttribute("errors", errors);
        form.model().addAttribute("confirming", dialog);
        form.response().setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        provisioning(
                form.admin(), form.workspace().organization().organizationId().value(), form.request(), form.model());
        return true;
    }

    private String showingToken(
            ControlPanelAdmin admin,
            Workspace workspace,
            HttpServletRequest request,
            Model model,
            IssuedCredentials issued,
            String notice) {
        model.addAttribute(ISSUED_TOKEN, issued.secretToken().reveal());
        model.addAttribute(Flash.NOTICE, notice);
        AnsweredForms.standsFor(model, workspace.path("/settings/provisioning"));
        return provisioning(admin, workspace.organization().organizationId().value(), request, model);
    }

    @PostMapping("/provisioning/disable")
    String disable(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "settings");
        try {
            organizations.disableProvisioning(
                    acting.as(admin, request), workspace.organization().organizationId());
            flash.addFlashAttribute(
                    Flash.NOTICE,
                    "User provisioning is off. Okta can no longer reach this organization; provisioned members and"
                            + " teams can now be edited here.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
        }
        return "redirect:" + workspace.path("/settings/provisioning");
    }
}
