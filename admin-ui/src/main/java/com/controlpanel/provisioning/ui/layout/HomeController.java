package com.controlpanel.provisioning.ui.layout;

import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The Control Panel's front door: the members of the first organization this admin manages. */
@Controller
public class HomeController {

    private final Workspaces workspaces;

    public HomeController(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal ControlPanelAdmin admin, Model model) {
        Optional<OrganizationRow> first = workspaces.firstOf(admin);
        if (first.isEmpty()) {
            model.addAttribute("adminEmail", admin.email());
            return "no-organization";
        }
        return "redirect:/orgs/" + first.get().organizationId().value() + "/members";
    }

    @GetMapping({"/orgs/{org}", "/orgs/{org}/"})
    String organization(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return "redirect:" + workspaces.open(admin, org, "members").path("/members");
    }
}
