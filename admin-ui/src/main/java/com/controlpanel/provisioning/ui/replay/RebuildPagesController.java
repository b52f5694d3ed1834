package com.controlpanel.provisioning.ui.replay;

import com.controlpanel.provisioning.rebuild.RebuildAlreadyRunningException;
import com.controlpanel.provisioning.rebuild.RebuildProgress;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
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
 * Audit replay, rebuild (the operator only): rebuild every read model of the deployment from the event store, follow
 * its progress (the page polls a fragment while it runs) and read the verification of every table against the live
 * one. Anyone else is refused, also when the request is forced.
 */
@Controller
@RequestMapping("/orgs/{org}/audit/rebuild")
public class RebuildPagesController {

    private final Workspaces workspaces;
    private final RebuildService rebuilds;

    public RebuildPagesController(Workspaces workspaces, RebuildService rebuilds) {
        this.workspaces = workspaces;
        this.rebuilds = rebuilds;
    }

    @GetMapping
    String rebuild(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, Model model) {
        Workspace workspace = operatorOnly(admin, org);
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", true);
        model.addAttribute("rebuild", null);
        return "replay/rebuild";
    }

    @PostMapping
    String start(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(defaultValue = "false") boolean fresh,
            RedirectAttributes flash) {
        Workspace workspace = operatorOnly(admin, org);
        String id;
        try {
            // no notice: "started" would stand above the verdict once it has ended; the progress says it all
            id = rebuilds.start(fresh).id();
        } catch (RebuildAlreadyRunningException e) {
            if (e.runningId() == null) {
                flash.addFlashAttribute(
                        Flash.NOTICE,
                        "A rebuild is running on another node of this service: start one when it has ended.");
                return "redirect:" + workspace.path("/audit/rebuild");
            }
            id = e.runningId();
            flash.addFlashAttribute(
                    Flash.NOTICE,
                    e.elsewhere()
                            ? "A rebuild was already running on another node of this service: here is its progress."
                            : "A rebuild was already running: here is its progress.");
        }
        return "redirect:" + workspace.path("/audit/rebuild/" + id);
    }

    @GetMapping("/{id}")
    String progress(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            Model model) {
        Workspace workspace = operatorOnly(admin, org);
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", true);
        model.addAttribute("rebuild", find(id));
        return "replay/rebuild";
    }

    /** The progress alone, polled by the page while the rebuild runs. */
    @GetMapping("/{id}/progress")
    String progressFragment(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            Model model) {
        Workspace workspace = operatorOnly(admin, org);
        model.addAttribute("workspace", workspace);
        model.addAttribute("rebuild", find(id));
        return "replay/rebuild :: progress";
    }

    private Workspace operatorOnly(ControlPanelAdmin admin, String org) {
        return workspaces.openForOperator(
                admin,
                org,
                "audit",
                "Only the operator of this service may rebuild the read models: a rebuild concerns every organization"
                        + " of the deployment.");
    }

    private RebuildView find(String id) {
        RebuildProgress progress =
                rebuilds.progress(id).orElseThrow(() -> new PageNotFound("There is no such rebuild."));
        return RebuildView.of(progress);
    }
}
