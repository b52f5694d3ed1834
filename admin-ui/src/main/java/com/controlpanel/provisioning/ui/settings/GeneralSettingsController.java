package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.application.OrganizationAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.FieldLabels;
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
 * Settings → General: the organization's name (its admins rename it; Activity records the change) and the facts an
 * integration needs, its id and when it was created. A rename redirects; a refused one shows the form again with
 * what was typed.
 */
@Controller
@RequestMapping("/orgs/{org}/settings/general")
public class GeneralSettingsController {

    private final Workspaces workspaces;
    private final DirectoryQueries directory;
    private final OrganizationAdministration organizations;
    private final Acting acting;

    public GeneralSettingsController(
            Workspaces workspaces,
            DirectoryQueries directory,
            OrganizationAdministration organizations,
            Acting acting) {
        this.workspaces = workspaces;
        this.directory = directory;
        this.organizations = organizations;
        this.acting = acting;
    }

    @GetMapping({"", "/"})
    String general(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, Model model) {
        Workspace workspace = workspaces.open(admin, org, "settings");
        return page(workspace, admin, new FormErrors(), workspace.organization().name(), model);
    }

    @PostMapping({"", "/"})
    String rename(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String name,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "settings");
        FormErrors errors = new FormErrors();
        String given = name == null ? "" : name;
        if (given.isBlank()) {
            errors.field("name", "Enter the organization's name");
        } else {
            try {
                String before = workspace.organization().name();
                organizations.rename(
                        acting.as(admin, request), workspace.organization().organizationId(), given);
                // the name as the domain kept it (stripped), read back like every write of the Control Panel
                String now = directory
                        .organization(workspace.organization().organizationId())
                        .orElseThrow()
                        .name();
                flash.addFlashAttribute(
                        Flash.NOTICE,
                        Flash.sentence(
                                now.equals(before)
                                        ? "The organization is already called " + now
                                        : "The organization is now called " + now));
                return "redirect:" + workspace.path("/settings/general");
            } catch (InvalidValueException e) {
                errors.field("name", FieldLabels.relabel(e.getMessage(), "The name"));
            } catch (RuntimeException e) {
                errors.form(Refusals.explain(e));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return page(workspace, admin, errors, given, model);
    }

    private String page(Workspace workspace, ControlPanelAdmin admin, FormErrors errors, String name, Model model) {
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", admin.operator());
        model.addAttribute("errors", errors);
        model.addAttribute("name", name);
        model.addAttribute("created", Dates.day(workspace.organization().createdAt()));
        return "settings/general";
    }
}
