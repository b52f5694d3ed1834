package com.controlpanel.provisioning.ui.settings;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
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
 * Settings → Backups (the operator only): a backup of the embedded database taken while the service runs, the backups
 * in its directory (each downloaded or deleted here), and when the service takes them by itself and how many it keeps;
 * on PostgreSQL, what backs it up instead. Anyone else is refused, also when the request is forced.
 */
@Controller
@RequestMapping("/orgs/{org}/settings/backups")
public class BackupsSettingsController {

    /** A backup file as the page lists it: when it was taken is when it began, as its name says. */
    public record BackupView(String name, String size, String taken, String takenExactly) {}

    /** The most backups the page lists. */
    static final int LISTED = 50;

    private final Workspaces workspaces;
    private final DatabaseBackups backups;

    public BackupsSettingsController(Workspaces workspaces, DatabaseBackups backups) {
        this.workspaces = workspaces;
        this.backups = backups;
    }

    @GetMapping({"", "/"})
    String backups(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String delete,
            Model model) {
        Workspace workspace = operatorOnly(admin, org);
        // the backup whose deletion the address asks about (?delete=<file>, the page's link, which works without
        // scripts; with them the dialog opens in place)
        model.addAttribute("deleting", delete == null ? "" : delete);
        Path directory = backups.directory();
        List<BackupView> kept = backups.kept(LISTED).stream()
                .map(backup -> new BackupView(
                        backup.name(),
                        size(backup.bytes()),
                        Dates.shown(backup.takenAt()),
                        Dates.iso(backup.takenAt())))
                .toList();
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", true);
        model.addAttribute("unavailable", backups.unavailable());
        model.addAttribute("directory", directory == null ? null : directory.toString());
        model.addAttribute("inTheWay", BackupDirectory.fileInTheWay(directory));
        model.addAttribute("kept", kept);
        model.addAttribute("listed", LISTED);
        DatabaseBackups.Policy policy = backups.policy();
        model.addAttribute("every", policy.every() == null ? null : Dates.span(policy.every()));
        model.addAttribute("keep", policy.keep());
        return "settings/backups";
    }

    /** One backup's file, downloaded. */
    @GetMapping("/{name}")
    ResponseEntity<Resource> download(
            @AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, @PathVariable String name) {
        operatorOnly(admin, org);
        Path file = backups.file(name)
                .orElseThrow(() -> new PageNotFound("This backup is not in the backup directory (or no longer is)."));
        return BackupDownload.of(file);
    }

    /** The address of a deletion, opened rather than posted: the page. */
    @GetMapping("/{name}/delete")
    String deleteAgain(
            @AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, @PathVariable String name) {
        return "redirect:" + operatorOnly(admin, org).path("/settings/backups");
    }

    @PostMapping("/{name}/delete")
    String delete(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String name,
            RedirectAttributes flash) {
        Workspace workspace = operatorOnly(admin, org);
        try {
            if (backups.delete(name)) {
                flash.addFlashAttribute(Flash.NOTICE, "Backup deleted: " + name + ".");
            } else {
                flash.addFlashAttribute(Flash.ALERT, "This backup is not in the backup directory (or no longer is).");
            }
        } catch (BackupRefusedException e) {
            flash.addFlashAttribute(Flash.ALERT, e.getMessage() + ".");
        }
        return "redirect:" + workspace.path("/settings/backups");
    }

    @PostMapping({"", "/"})
    String take(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, RedirectAttributes flash) {
        Workspace workspace = operatorOnly(admin, org);
        try {
            DatabaseBackups.Taken taken = backups.take();
            flash.addFlashAttribute(
                    Flash.NOTICE,
                    "Backup written: " + taken.file().getFileName() + " (" + size(taken.bytes()) + ", in "
                            + Dates.took(taken.took()) + "). Every change saved before "
                            + Dates.precise(taken.startedAt()) + " is in it.");
        } catch (BackupRefusedException e) {
            flash.addFlashAttribute(Flash.ALERT, e.getMessage() + ".");
        }
        return "redirect:" + workspace.path("/settings/backups");
    }

    private Workspace operatorOnly(ControlPanelAdmin admin, String org) {
        return workspaces.openForOperator(
                admin,
                org,
                "settings",
                "Only the operator of this service may take and see backups: a backup holds every organization of"
                        + " the deployment.");
    }

    /** A size as people read it: 1.2 MB, 785 MB, 3.4 GB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value))
                + " " + units[unit];
    }
}
