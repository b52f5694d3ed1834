package com.controlpanel.provisioning.ui.replay;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.MemberSummary;
import com.controlpanel.provisioning.directory.TeamSummary;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.history.AuditHistory;
import com.controlpanel.provisioning.history.HistoryEntry;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Avatar;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.PageLinks;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Paging;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Audit replay, history: every event of a member, a team, or the organization (User provisioning switched on and off,
 * credentials issued, admins), in order, read from the event store. A deleted member or team keeps its history.
 */
@Controller
public class HistoryPagesController {

    static final int PAGE_SIZE = 50;

    private final Workspaces workspaces;
    private final AuditHistory history;
    private final DirectoryQueries directory;

    public HistoryPagesController(Workspaces workspaces, AuditHistory history, DirectoryQueries directory) {
        this.workspaces = workspaces;
        this.history = history;
        this.directory = directory;
    }

    /**
     * What a history is of, for the page around it; {@code avatar} (with the Okta badge of a member or team provisioned
     * by Okta, rule 5) null for the organization.
     */
    public record Subject(
            String kind,
            String name,
            String currentPage,
            String sectionPath,
            String sectionName,
            boolean gone,
            Avatar avatar) {}

    @ItsParametersOnly
    @GetMapping("/orgs/{org}/members/{id}/history")
    String member(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) Integer offset,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "members");
        OrganizationId organizationId = workspace.organization().organizationId();
        List<HistoryEntry> entries = entries(organizationId, AuditHistory.Kind.MEMBER, id, "member");
        Optional<MemberSummary> now = directory.findMember(organizationId, new MemberId(id));
        String name =
                now.map(summary -> summary.member().profile().label()).orElseGet(() -> lastMemberName(entries, id));
        Source source = now.map(summary -> summary.member().source()).orElseGet(() -> lastSource(entries));
        Subject subject = new Subject(
                "member",
                name,
                now.isPresent() ? workspace.path("/members/" + id) : null,
                workspace.path("/members"),
                "Members",
                now.isEmpty(),
                Avatar.of(id, name, source));
        show(workspace, subject, id, entries, offset, workspace.path("/members/" + id + "/history"), model);
        return "replay/history";
    }

    @ItsParametersOnly
    @GetMapping("/orgs/{org}/teams/{id}/history")
    String team(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) Integer offset,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        OrganizationId organizationId = workspace.organization().organizationId();
        List<HistoryEntry> entries = entries(organizationId, AuditHistory.Kind.TEAM, id, "team");
        Optional<TeamSummary> now = directory.findTeam(organizationId, new TeamId(id));
        String name =
                now.map(summary -> summary.team().displayName().value()).orElseGet(() -> lastTeamName(entries, id));
        Source source = now.map(summary -> summary.team().source()).orElseGet(() -> lastSource(entries));
        Subject subject = new Subject(
                "team",
                name,
                now.isPresent() ? workspace.path("/teams/" + id) : null,
                workspace.path("/teams"),
                "Teams",
                now.isEmpty(),
                Avatar.of(id, name, source));
        show(workspace, subject, id, entries, offset, workspace.path("/teams/" + id + "/history"), model);
        return "replay/history";
    }

    /** The organization's own events: created, admins added, User provisioning switched on and off, tokens issued. */
    @ItsParametersOnly
    @GetMapping("/orgs/{org}/audit/provisioning")
    String provisioning(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) Integer offset,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "audit");
        String id = workspace.organizationId();
        List<HistoryEntry> entries =
                entries(workspace.organization().organizationId(), AuditHistory.Kind.ORGANIZATION, id, "organization");
        Subject subject = new Subject(
                "organization",
                workspace.organization().name(),
                workspace.path("/settings/provisioning"),
                workspace.path("/audit"),
                "Audit replay",
                false,
                null);
        model.addAttribute("operator", admin.operator());
        show(workspace, subject, id, entries, offset, workspace.path("/audit/provisioning"), model);
        return "replay/history";
    }

    private List<HistoryEntry> entries(OrganizationId organizationId, AuditHistory.Kind kind, String id, String what) {
        try {
            // member, team and organization ids follow the same rules
            new MemberId(id);
        } catch (InvalidValueException e) {
            throw new PageNotFound("This " + what + " does not exist.");
        }
        List<HistoryEntry> entries = history.of(organizationId, kind, id);
        if (entries.isEmpty()) {
            throw new PageNotFound("This " + what + " has no history in this organization: it never existed here.");
        }
        return entries;
    }

    private void show(
            Workspace workspace,
            Subject subject,
            String id,
            List<HistoryEntry> entries,
            Integer requestedOffset,
            String path,
            Model model) {
        int offset = Paging.offset(requestedOffset);
        List<HistoryEntryView> page = entries.stream()
                .skip(offset)
                .limit(PAGE_SIZE)
                .map(HistoryEntryView::of)
                .toList();
        model.addAttribute("workspace", workspace);
        model.addAttribute("subject", subject);
        model.addAttribute("subjectId", id);
        model.addAttribute("entries", page);
        model.addAttribute("first", entries.isEmpty() ? null : HistoryEntryView.of(entries.get(0)));
        model.addAttribute("last", entries.isEmpty() ? null : HistoryEntryView.of(entries.get(entries.size() - 1)));
        model.addAttribute("paging", new Paging(entries.size(), offset, PAGE_SIZE, page.size()));
        model.addAttribute("pageLinks", new PageLinks());
        model.addAttribute("path", path);
        // the members a team's membership events on this page are about, by their name now, or a deleted one's last
        // name from its own events
        OrganizationId organizationId = workspace.organization().organizationId();
        Map<String, String> memberNames = new HashMap<>();
        for (HistoryEntryView entry : page) {
            if (entry.memberId() != null && !memberNames.containsKey(entry.memberId())) {
                memberNames.put(
                        entry.memberId(),
                        directory
                                .findMember(organizationId, new MemberId(entry.memberId()))
                                .map(summary -> summary.member().profile().label())
                                .orElseGet(() -> deletedMemberName(organizationId, entry.memberId())));
            }
        }
        model.addAttribute("memberNames", memberNames);
    }

    /** A member no longer in the directory, by the last name its events gave it; null if it has none here. */
    private String deletedMemberName(OrganizationId organizationId, String id) {
        List<HistoryEntry> entries = history.of(organizationId, AuditHistory.Kind.MEMBER, id);
        return entries.isEmpty() ? null : lastMemberName(entries, id) + " (deleted)";
    }

    private static String lastMemberName(List<HistoryEntry> entries, String id) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Object payload = entries.get(i).payload();
            if (payload instanceof MemberProfileChanged changed) {
                return changed.profile().label();
            }
            if (payload instanceof MemberProvisioned provisioned) {
                return provisioned.profile().label();
            }
        }
        return id;
    }

    /** The source of a member or team no longer in the directory, as its events left it (taken over: Okta). */
    private static Source lastSource(List<HistoryEntry> entries) {
        Source source = Source.MANUAL;
        for (HistoryEntry entry : entries) {
            Object payload = entry.payload();
            if (payload instanceof MemberProvisioned provisioned) {
                source = provisioned.source();
            } else if (payload instanceof TeamProvisioned provisioned) {
                source = provisioned.source();
            } else if (payload instanceof MemberTakenOver || payload instanceof TeamTakenOver) {
                source = Source.OKTA;
            }
        }
        return source;
    }

    private static String lastTeamName(List<HistoryEntry> entries, String id) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Object payload = entries.get(i).payload();
            if (payload instanceof TeamRenamed renamed) {
                return renamed.displayName().value();
            }
            if (payload instanceof TeamProvisioned provisioned) {
                return provisioned.displayName().value();
            }
        }
        return id;
    }
}
