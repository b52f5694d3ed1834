package com.controlpanel.provisioning.ui.teams;

import com.controlpanel.provisioning.application.TeamAdministration;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.MemberPage;
import com.controlpanel.provisioning.directory.MemberSort;
import com.controlpanel.provisioning.directory.TakenTeamNames;
import com.controlpanel.provisioning.directory.TeamPage;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.FieldLabels;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.PageLinks;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Paging;
import com.controlpanel.provisioning.ui.layout.Refusals;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import com.controlpanel.provisioning.ui.members.MemberView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
import org.springframework.web.util.UriUtils;

/**
 * Teams: the list and "Create team"; the team page with its members, "Add a member" (offering only the members the
 * rules let join), remove, rename and delete. A team pushed from Okta is read-only while provisioning is on.
 */
@Controller
@RequestMapping("/orgs/{org}/teams")
public class TeamPagesController {

    static final int CANDIDATES = 8;

    /** What "Add" did, said inside the "Add a member" dialog it reopens (not on the page behind it). */
    static final String ADD_NOTICE = "addNotice";

    static final String ADD_ALERT = "addAlert";

    private final Workspaces workspaces;
    private final DirectoryQueries directory;
    private final TeamAdministration teams;
    private final Acting acting;

    public TeamPagesController(
            Workspaces workspaces, DirectoryQueries directory, TeamAdministration teams, Acting acting) {
        this.workspaces = workspaces;
        this.directory = directory;
        this.teams = teams;
        this.acting = acting;
    }

    @ItsParametersOnly
    @GetMapping
    String list(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String create,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        showList(
                workspace,
                new TeamListParams(q, source, sort, Paging.offset(offset)),
                "",
                new FormErrors(),
                create != null,
                model);
        return "teams/list";
    }

    @PostMapping
    String create(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String name,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        FormErrors errors = new FormErrors();
        String checked = teamName(name, errors);
        if (!errors.any()) {
            try {
                TeamId id = teams.create(
                        acting.as(admin, request), workspace.organization().organizationId(), checked);
                flash.addFlashAttribute(Flash.NOTICE, "Created team " + checked + ". Add its members here.");
                return "redirect:" + workspace.path("/teams/" + id.value());
            } catch (RuntimeException e) {
                refused(workspace, e, errors);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        showList(workspace, new TeamListParams(null, null, null, 0), name, errors, true, model);
        return "teams/list";
    }

    @ItsParametersOnly
    @GetMapping("/{id}")
    String team(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String add,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String rename,
            @RequestParam(required = false) String delete,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        TeamView team = find(workspace, id);
        showTeam(workspace, team, Paging.offset(offset), null, new FormErrors(), model);
        // the page's links to its dialogs, which work without scripts (with them the dialog opens in place)
        if (rename != null && !team.readOnly()) {
            model.addAttribute("renameOpen", true);
        }
        if (delete != null && !team.readOnly()) {
            model.addAttribute("deleteOpen", true);
        }
        if (add != null && !team.readOnly()) {
            // back from "Add": the dialog again, as it was, so that several members are added in a row
            addCandidates(workspace, team, q, model);
            model.addAttribute("addOpen", true);
        } else {
            // managed in Okta since: no dialog to say it in, so the page says it
            moveToPage(model, ADD_NOTICE, Flash.NOTICE);
            moveToPage(model, ADD_ALERT, Flash.ALERT);
        }
        return "teams/team";
    }

    /**
     * The "Add a member" dialog's search: only the members the rules let join this team, and not in it yet; nobody
     * once Okta manages the team (taken over while the dialog was open: the dialog says so).
     */
    @GetMapping("/{id}/candidates")
    String candidates(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String q,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        TeamView team = find(workspace, id);
        model.addAttribute("workspace", workspace);
        model.addAttribute("team", team);
        addCandidates(workspace, team, q, model);
        return "teams/team :: candidates";
    }

    /** The address of a form of the team page, opened rather than posted (a refused rename reloaded): the page. */
    @GetMapping({"/{id}/members", "/{id}/rename", "/{id}/delete", "/{id}/members/{memberId}/remove"})
    String teamActionAgain(
            @AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, @PathVariable String id) {
        return "redirect:"
                + workspaces
                        .open(admin, org, "teams")
                        .path("/teams/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8));
    }

    @PostMapping("/{id}/members")
    String addMember(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String memberId,
            @RequestParam(required = false) String q,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        TeamView team = find(workspace, id);
        String backToDialog = workspace.path("/teams/" + team.id()) + "?add"
                + (q == null || q.isBlank()
                        ? ""
                        : "&q=" + UriUtils.encodeQueryParam(q.strip(), StandardCharsets.UTF_8));
        Optional<MemberView> found = memberIfThere(workspace, memberId);
        if (found.isEmpty()) {
            // deleted meanwhile (another tab, another admin, Okta): the dialog says so, the team page stays
            flash.addFlashAttribute(ADD_ALERT, MEMBER_GONE);
            return "redirect:" + backToDialog;
        }
        MemberView member = found.get();
        if (inTeam(member, team)) {
            // a second click, or a page from before someone else added them: nothing to do, and not a success
            flash.addFlashAttribute(ADD_NOTICE, Flash.sentence(member.label() + " is already in " + team.name()));
            return "redirect:" + backToDialog;
        }
        try {
            teams.addMember(
                    acting.as(admin, request),
                    workspace.organization().organizationId(),
                    new TeamId(team.id()),
                    new MemberId(member.id()));
            flash.addFlashAttribute(ADD_NOTICE, Flash.sentence("Added " + member.label() + " to " + team.name()));
        } catch (RuntimeException e) {
            flash.addFlashAttribute(ADD_ALERT, explainMembership(e, member, team));
        }
        return "redirect:" + backToDialog;
    }

    @PostMapping("/{id}/members/{memberId}/remove")
    String removeMember(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @PathVariable String memberId,
            @RequestParam(required = false) Integer offset,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        TeamView team = find(workspace, id);
        // read before anything is done: a page it can not be is refused with nothing changed
        int from = Paging.offset(offset);
        Optional<MemberView> found = memberIfThere(workspace, memberId);
        if (found.isEmpty()) {
            flash.addFlashAttribute(Flash.ALERT, MEMBER_GONE);
            return "redirect:" + membersPage(workspace, team, from, team.memberCount());
        }
        MemberView member = found.get();
        if (!inTeam(member, team)) {
            flash.addFlashAttribute(Flash.NOTICE, Flash.sentence(member.label() + " was no longer in " + team.name()));
            return "redirect:" + membersPage(workspace, team, from, team.memberCount());
        }
        try {
            teams.removeMember(
                    acting.as(admin, request),
                    workspace.organization().organizationId(),
                    new TeamId(team.id()),
                    new MemberId(member.id()));
            flash.addFlashAttribute(Flash.NOTICE, Flash.sentence("Removed " + member.label() + " from " + team.name()));
            return "redirect:" + membersPage(workspace, team, from, team.memberCount() - 1);
        } catch (RuntimeException e) {
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + membersPage(workspace, team, from, team.memberCount());
        }
    }

    /**
     * The team page at the page of members a removal was made from (several removed in a row stay where they are), or
     * at the last one when the removal emptied that page; at its list of members, so that the keyboard goes on from
     * there (the page's start, and its skip link, 17 Tabs away from the next Remove, otherwise).
     */
    private static String membersPage(Workspace workspace, TeamView team, int offset, int members) {
        int size = TeamListParams.PAGE_SIZE;
        int at = Math.min(offset - offset % size, Math.max(0, (members - 1) / size * size));
        return workspace.path("/teams/" + team.id()) + (at == 0 ? "" : "?offset=" + at) + "#team-members-title";
    }

    @PostMapping("/{id}/rename")
    String rename(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String name,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        TeamView team = find(workspace, id);
        FormErrors errors = new FormErrors();
        String checked = teamName(name, errors);
        if (!errors.any()) {
            try {
                teams.rename(
                        acting.as(admin, request),
                        workspace.organization().organizationId(),
                        new TeamId(team.id()),
                        checked);
                // the same name changes nothing (no event): say so rather than "renamed"
                flash.addFlashAttribute(
                        Flash.NOTICE,
                        Flash.sentence(
                                checked.equals(team.name())
                                        ? "The team is already called " + checked
                                        : "Renamed the team to " + checked));
                return "redirect:" + workspace.path("/teams/" + team.id());
            } catch (RuntimeException e) {
                refused(workspace, e, errors);
                if (find(workspace, id).readOnly()) {
                    // managed in Okta since the page was opened: its rename dialog is not drawn, so say it on the page
                    flash.addFlashAttribute(Flash.ALERT, "Not renamed to " + checked + ": " + Refusals.explain(e));
                    return "redirect:" + workspace.path("/teams/" + team.id());
                }
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        showTeam(workspace, team, 0, name, errors, model);
        return "teams/team";
    }

    @PostMapping("/{id}/delete")
    String delete(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "teams");
        TeamView team = find(workspace, id);
        try {
            teams.delete(acting.as(admin, request), workspace.organization().organizationId(), new TeamId(team.id()));
            flash.addFlashAttribute(Flash.NOTICE, "Deleted team " + team.name() + ". Its members stay members.");
            return "redirect:" + workspace.path("/teams");
        } catch (RuntimeException e) {
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + workspace.path("/teams/" + team.id());
        }
    }

    private void showList(
            Workspace workspace,
            TeamListParams params,
            String createName,
            FormErrors createErrors,
            boolean createOpen,
            Model model) {
        OrganizationId organizationId = workspace.organization().organizationId();
        TeamPage page = directory.findTeams(params.query(organizationId));
        long provisioned = directory
                .findTeams(new FindTeamsQuery(organizationId, null, Source.OKTA, null, false, 0, 0))
                .total();
        long all = params.filtered()
                ? directory.findTeams(FindTeamsQuery.all(organizationId, 0, 0)).total()
                : page.total();
        model.addAttribute("workspace", workspace);
        model.addAttribute("params", params);
        model.addAttribute("teams", page.items().stream().map(TeamView::of).toList());
        model.addAttribute(
                "paging",
                new Paging(
                        page.total(),
                        params.offset(),
                        TeamListParams.PAGE_SIZE,
                        page.items().size()));
        model.addAttribute("teamCount", all);
        model.addAttribute("provisionedCount", provisioned);
        model.addAttribute("createName", createName == null ? "" : createName);
        model.addAttribute("createErrors", createErrors);
        model.addAttribute("createOpen", createOpen);
    }

    private void showTeam(
            Workspace workspace, TeamView team, int offset, String renameTo, FormErrors renameErrors, Model model) {
        OrganizationId organizationId = workspace.organization().organizationId();
        MemberPage page = directory.findMembers(new FindMembersQuery(
                organizationId,
                null,
                null,
                null,
                new TeamId(team.id()),
                MemberSort.NAME,
                false,
                offset,
                TeamListParams.PAGE_SIZE));
        model.addAttribute("workspace", workspace);
        model.addAttribute("team", team);
        model.addAttribute("members", page.items().stream().map(MemberView::of).toList());
        model.addAttribute(
                "paging",
                new Paging(
                        page.total(),
                        offset,
                        TeamListParams.PAGE_SIZE,
                        page.items().size()));
        model.addAttribute("pageLinks", new PageLinks());
        model.addAttribute("renameTo", renameTo == null ? team.name() : renameTo);
        model.addAttribute("renameErrors", renameErrors);
        model.addAttribute("renameOpen", renameErrors.any());
        model.addAttribute("deleteOpen", false);
        addCandidates(workspace, team, null, model);
    }

    private static void moveToPage(Model model, String dialogAttribute, String pageAttribute) {
        Object said = model.getAttribute(dialogAttribute);
        if (said != null && model.getAttribute(pageAttribute) == null) {
            model.addAttribute(pageAttribute, said);
        }
    }

    private void addCandidates(Workspace workspace, TeamView team, String q, Model model) {
        if (team.readOnly()) {
            // rule 1: an admin adds nobody to a team Okta manages
            model.addAttribute("candidates", List.of());
            model.addAttribute("candidateTotal", 0L);
            model.addAttribute("candidateQuery", q == null ? "" : q.strip());
            return;
        }
        MemberPage candidates = directory.eligibleMembers(
                workspace.organization().organizationId(),
                new TeamId(team.id()),
                q == null || q.isBlank() ? null : q,
                0,
                CANDIDATES);
        model.addAttribute(
                "candidates", candidates.items().stream().map(MemberView::of).toList());
        model.addAttribute("candidateTotal", candidates.total());
        model.addAttribute("candidateQuery", q == null ? "" : q.strip());
    }

    private TeamView find(Workspace workspace, String id) {
        TeamId teamId;
        try {
            teamId = new TeamId(id);
        } catch (InvalidValueException e) {
            throw PageNotFound.team();
        }
        return directory
                .findTeam(workspace.organization().organizationId(), teamId)
                .map(TeamView::of)
                .orElseThrow(PageNotFound::team);
    }

    private static boolean inTeam(MemberView member, TeamView team) {
        return member.teams().stream().anyMatch(chip -> chip.id().equals(team.id()));
    }

    /** What a page says of a member it named who was deleted since it was shown. */
    private static final String MEMBER_GONE = Flash.goneMeanwhile("member");

    private Optional<MemberView> memberIfThere(Workspace workspace, String id) {
        return MemberView.find(directory, workspace.organization().organizationId(), id);
    }

    private static String teamName(String name, FormErrors errors) {
        try {
            return new TeamName(name).value();
        } catch (InvalidValueException e) {
            errors.field(
                    "name",
                    name == null || name.isBlank()
                            ? "Give the team a name"
                            : FieldLabels.relabel(e.getMessage(), "Team name"));
            return null;
        }
    }

    private void refused(Workspace workspace, RuntimeException failure, FormErrors errors) {
        if (Refusals.changedMeanwhile(failure)) {
            errors.form(Refusals.CHANGED_MEANWHILE);
            return;
        }
        DomainException refusal = Refusals.domainCause(failure).orElseThrow(() -> failure);
        switch (refusal.errorCode()) {
            case TEAM_NAME_TAKEN -> errors.field("name", taken(workspace, refusal));
            case INVALID_VALUE -> errors.field("name", FieldLabels.relabel(refusal.getMessage(), "Team name"));
            default -> errors.form(refusal.getMessage());
        }
    }

    /**
     * A name taken, said with the name of the team that has it, as it is written ("Équipe Design" for "équipe design"
     * typed): the admin sees which team it is. The refusal's own words when that team is not found (deleted since).
     */
    private String taken(Workspace workspace, DomainException refusal) {
        return TakenTeamNames.namingHolder(directory, workspace.organization().organizationId(), refusal)
                .getMessage();
    }

    private static String explainMembership(RuntimeException failure, MemberView member, TeamView team) {
        DomainException refusal = Refusals.domainCause(failure).orElseThrow(() -> failure);
        return switch (refusal.errorCode()) {
            case MANUAL_MEMBER_IN_PROVISIONED_TEAM ->
                member.label() + " was invited in the Control Panel and can not"
                        + " join " + team.name()
                        + ", which was pushed from Okta. Only members provisioned by Okta can join"
                        + " it.";
            default -> refusal.getMessage();
        };
    }
}
