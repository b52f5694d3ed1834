package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.OrganizationPage;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.ui.AdminPasswords;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.OrganizationAdmins;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.FieldLabels;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.Paging;
import com.controlpanel.provisioning.ui.layout.Refusals;
import com.controlpanel.provisioning.ui.layout.SearchLinks;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * Settings → Organizations (the operator only): every organization of the deployment, and a new one with its first
 * admin. The new organization's Admins page follows, with a new account's password shown there once.
 */
@Controller
@RequestMapping("/orgs/{org}/settings/organizations")
public class OrganizationsSettingsController {

    /** An organization as the operator sees it in the list. */
    public record OrganizationView(
            String id, String name, long admins, boolean provisioningOn, String createdAt, boolean current) {}

    private static final String REFUSAL =
            "Only the operator of this service may see every organization and create new ones.";

    static final int PAGE_SIZE = 50;

    private final Workspaces workspaces;
    private final DirectoryQueries directory;
    private final OrganizationAdministration organizations;
    private final OrganizationAdmins admins;
    private final Acting acting;
    private final SentForms sentForms;
    private final AdminPasswords passwords;

    public OrganizationsSettingsController(
            Workspaces workspaces,
            DirectoryQueries directory,
            OrganizationAdministration organizations,
            OrganizationAdmins admins,
            Acting acting,
            JdbcTemplate jdbc,
            AdminPasswords passwords) {
        this.sentForms = new SentForms(jdbc, Clock.systemUTC());
        this.passwords = passwords;
        this.workspaces = workspaces;
        this.directory = directory;
        this.organizations = organizations;
        this.admins = admins;
        this.acting = acting;
    }

    @ItsParametersOnly
    @GetMapping({"", "/"})
    String list(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer offset,
            Model model) {
        Workspace workspace = workspaces.openForOperator(admin, org, "settings", REFUSAL);
        return page(workspace, new SearchLinks(q), Paging.offset(offset), new FormErrors(), "", "", model);
    }

    @PostMapping({"", "/"})
    String create(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String adminEmail,
            @RequestParam(required = false) String yourPassword,
            @RequestParam(required = false) String formId,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.openForOperator(admin, org, "settings", REFUSAL);
        if (formId == null || formId.isBlank()) {
            return createOnce(admin, workspace, name, adminEmail, yourPassword, request, response, flash, model)
                    .view();
        }
        // the same form sent twice (a double click, a resend): the second waits for the first and shows what it made
        return sentForms.send(
                admin.adminId().value(),
                formId,
                () -> {
                    Outcome outcome = createOnce(
                            admin, workspace, name, adminEmail, yourPassword, request, response, flash, model);
                    return new SentForms.Outcome(
                            outcome.view(),
                            Optional.ofNullable(outcome.created()).map(OrganizationId::value));
                },
                created -> "redirect:/orgs/" + created + "/settings/admins");
    }

    /** The page to answer with, and the organization created if one was. */
    private record Outcome(String view, OrganizationId created) {}

    private Outcome createOnce(
            ControlPanelAdmin admin,
            Workspace workspace,
            String name,
            String adminEmail,
            String yourPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        String givenName = name == null ? "" : name.strip();
        String givenEmail = adminEmail == null ? "" : adminEmail.strip();
        FormErrors errors = new FormErrors();
        if (givenName.isEmpty()) {
            errors.field("name", "Enter the name of the new organization");
        }
        if (!givenEmail.isEmpty()) {
            try {
                admins.checkEmail(givenEmail);
            } catch (InvalidValueException e) {
                errors.field("adminEmail", e.getMessage());
            }
        }
        if (!givenEmail.isEmpty() && !errors.any()) {
            // a first admin is an account with a password shown here, or an existing account let in: a session left
            // open is not enough, as on Settings → Admins
            String refused = PasswordConfirmation.refused(passwords, admin, yourPassword);
            if (refused != null) {
                errors.field("yourPassword", refused);
            }
        }
        OrganizationId created = null;
        CommandContext context = acting.as(admin, request);
        if (!errors.any()) {
            try {
                created = organizations.create(context, givenName);
            } catch (InvalidValueException e) {
                errors.field("name", FieldLabels.relabel(e.getMessage(), "The name"));
            } catch (RuntimeException e) {
                errors.form(Refusals.explain(e));
            }
        }
        if (created == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return new Outcome(page(workspace, new SearchLinks(""), 0, errors, givenName, givenEmail, model), null);
        }
        Outcome next = new Outcome("redirect:/orgs/" + created.value() + "/settings/admins", created);
        if (givenEmail.isEmpty()) {
            flash.addFlashAttribute(
                    Flash.NOTICE,
                    "Organization " + givenName + " created. Add its first admin below: until then only the operators"
                            + " manage it.");
            return next;
        }
        OrganizationAdmins.Added added;
        try {
            added = admins.add(context, created, givenEmail, null, true);
        } catch (RuntimeException e) {
            // the organization is there: not a refusal, but what is left to do
            flash.addFlashAttribute(
                    Flash.NOTICE,
                    "Organization " + givenName + " created, but " + givenEmail + " could not be made its admin ("
                            + Refusals.domainCause(e)
                                    .map(Throwable::getMessage)
                                    .orElse("the service could not do it now")
                            + "). Add its first admin below.");
            return next;
        }
        if (added.created()) {
            // the new organization's Admins page, showing the password, answers the form itself: the password is
            // never kept for a later request to show (a redirect would keep it in the stored session)
            model.addAttribute(
                    Flash.NOTICE,
                    "Organization " + givenName + " created, with " + added.email() + " as its admin and a new"
                            + " account. Give them the password below: it is shown only this once.");
            return new Outcome(
                    AdminsSettingsController.showingPassword(
                            admins, workspaces.open(admin, created.value(), "settings"), admin, added, model),
                    created);
        }
        flash.addFlashAttribute(
                Flash.NOTICE,
                "Organization " + givenName + " created, with " + added.email() + " as its admin, with the account"
                        + " that already existed for this email: it signs in with the password it has.");
        return next;
    }

    private String page(
            Workspace workspace,
            SearchLinks search,
            int offset,
            FormErrors errors,
            String name,
            String adminEmail,
            Model model) {
        OrganizationPage page = directory.organizations(search.q(), offset, PAGE_SIZE);
        Map<OrganizationId, Long> adminCounts = admins.countsOf(
                page.items().stream().map(OrganizationRow::organizationId).toList());
        List<OrganizationView> rows = page.items().stream()
                .map(row -> view(row, adminCounts, workspace))
                .toList();
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", true);
        model.addAttribute("organizations", rows);
        model.addAttribute("search", search);
        model.addAttribute("paging", new Paging(page.total(), offset, PAGE_SIZE, rows.size()));
        model.addAttribute("organizationCount", workspace.organizationCount());
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        model.addAttribute("adminEmail", adminEmail);
        model.addAttribute("formId", UUID.randomUUID().toString());
        return "settings/organizations";
    }

    private static OrganizationView view(
            OrganizationRow row, Map<OrganizationId, Long> adminCounts, Workspace workspace) {
        return new OrganizationView(
                row.organizationId().value(),
                row.name(),
                adminCounts.getOrDefault(row.organizationId(), 0L),
                row.provisioningEnabled(),
                Dates.day(row.createdAt()),
                row.organizationId().equals(workspace.organization().organizationId()));
    }
}
