package com.controlpanel.provisioning.ui.members;

import com.controlpanel.provisioning.application.MemberAdministration;
import com.controlpanel.provisioning.directory.DirectoryAsOf;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.MemberPage;
import com.controlpanel.provisioning.directory.MemberStatus;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.directory.TeamSummary;
import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Acting;
import com.controlpanel.provisioning.ui.layout.FieldLabels;
import com.controlpanel.provisioning.ui.layout.Flash;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Paging;
import com.controlpanel.provisioning.ui.layout.Refusals;
import com.controlpanel.provisioning.ui.layout.TeamChip;
import com.controlpanel.provisioning.ui.layout.TextFields;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Members: the list (search, filters, order, pages), "Invite new member", and the member page to edit, deactivate or
 * delete a member. Provisioned members are shown read-only while provisioning is on; the domain decides, the page
 * explains.
 */
@Controller
@RequestMapping("/orgs/{org}/members")
public class MemberPagesController {

    private static String encoded(String pathSegment) {
        return UriUtils.encodePathSegment(pathSegment, StandardCharsets.UTF_8);
    }

    /** The form's fields, by the domain's names for their values: where a refusal is shown, and the field's label. */
    private record Field(String name, String label) {}

    private static final Map<String, Field> FIELDS = Map.of(
            "email", new Field("email", "Email"),
            // a member's email is its SCIM userName: the domain refuses one that looks like another by that name
            "userName", new Field("email", "Email"),
            "name.givenName", new Field("givenName", "First name"),
            "name.familyName", new Field("familyName", "Last name"),
            "displayName", new Field("displayName", "Display name"));

    private final Workspaces workspaces;
    private final DirectoryQueries directory;
    private final MemberAdministration members;
    private final Acting acting;
    private final DirectoryAsOf asOf;

    public MemberPagesController(
            Workspaces workspaces,
            DirectoryQueries directory,
            MemberAdministration members,
            Acting acting,
            DirectoryAsOf asOf) {
        this.workspaces = workspaces;
        this.directory = directory;
        this.members = members;
        this.acting = acting;
        this.asOf = asOf;
    }

    /** What an edit of a member changed since its page was shown is told, and the form merged onto the member now. */
    static final String CHANGED_WHILE_EDITED = "Someone changed this member while you were editing it. The form now"
            + " shows their changes, and what you typed in the fields you changed: check it, then save again.";

    @ItsParametersOnly
    @GetMapping
    String list(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) String invite,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "members");
        MemberListParams params = new MemberListParams(q, source, status, team, sort, Paging.offset(offset));
        showList(workspace, params, InviteForm.empty(), new FormErrors(), invite != null, model);
        return "members/list";
    }

    /**
     * The address a refused invitation is shown at, opened again (a new tab, a bookmark, a reload that does not post
     * again): the list with the invitation dialog open, rather than "no member with the id invite".
     */
    @GetMapping("/invite")
    String inviteAgain(@AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org) {
        return "redirect:" + workspaces.open(admin, org, "members").path("/members") + "?invite";
    }

    /** The address of a member's action, opened rather than posted: the member's page. */
    @GetMapping({"/{id}/deactivate", "/{id}/reactivate", "/{id}/delete"})
    String memberActionAgain(
            @AuthenticationPrincipal ControlPanelAdmin admin, @PathVariable String org, @PathVariable String id) {
        return "redirect:" + workspaces.open(admin, org, "members").path("/members/" + encoded(id));
    }

    @PostMapping("/invite")
    String invite(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @ModelAttribute("invite") InviteForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "members");
        OrganizationId organizationId = workspace.organization().organizationId();
        FormErrors errors = new FormErrors();
        String email = required(form.email(), "email", "Enter the new member's email address", errors);
        if (email != null) {
            check(() -> EmailAddress.work(email), "email", "Email", errors);
        }
        PersonName name = personName(form.givenName(), form.familyName(), errors);
        Set<TeamId> teams = new LinkedHashSet<>();
        for (String teamId : form.teamIds()) {
            check(() -> teams.add(new TeamId(teamId)), "teamIds", null, errors);
        }
        if (!errors.any()) {
            try {
                members.invite(acting.as(admin, request), organizationId, email, name, null, teams);
                flash.addFlashAttribute(Flash.NOTICE, "Invited " + email + ".");
                return "redirect:" + workspace.path("/members");
            } catch (RuntimeException e) {
                refused(e, errors);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        showList(workspace, new MemberListParams(null, null, null, null, null, 0), form, errors, true, model);
        return "members/list";
    }

    @GetMapping("/{id}")
    String member(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @RequestParam(required = false) String delete,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "members");
        MemberView member = find(workspace, id);
        showMember(workspace, member, MemberForm.of(member), new FormErrors(), model);
        // the page's link to its dialog, which works without scripts (with them the dialog opens in place)
        model.addAttribute("deleteOpen", delete != null && !member.readOnly());
        return "members/member";
    }

    @PostMapping("/{id}")
    String edit(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            @ModelAttribute("form") MemberForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "members");
        MemberView member = find(workspace, id);
        FormErrors errors = new FormErrors();
        String email = required(form.email(), "email", "A member needs an email address", errors);
        if (email != null) {
            check(() -> EmailAddress.work(email), "email", "Email", errors);
        }
        // a name field sent back as it was shown keeps the name as stored: a one-line field drops a line break, and
        // "Maria\nvon Trapp" would come back as "Mariavon Trapp" beside an edit of the other field
        MemberForm shown = MemberForm.of(member);
        PersonName name = personName(
                TextFields.unchanged(form.givenName(), shown.givenName()) ? shown.givenName() : form.givenName(),
                TextFields.unchanged(form.familyName(), shown.familyName()) ? shown.familyName() : form.familyName(),
                errors);
        String displayName =
                form.displayName() == null ? "" : form.displayName().strip();
        if (!errors.any()) {
            // a name only shown in the fields (a whole name, split) is kept as it is unless the admin changed it
            boolean nameChanged = !form.sameNameAs(shown);
            boolean displayNameChanged = !TextFields.unchanged(displayName, member.displayName());
            try {
                members.edit(
                        acting.as(admin, request),
                        workspace.organization().organizationId(),
                        new MemberId(member.id()),
                        email.equals(member.email()) ? null : email,
                        nameChanged ? editedName(workspace, member, name) : null,
                        displayNameChanged ? displayName : null,
                        form.version());
                // a form saved as it was changes nothing (no event): say so rather than "saved"
                boolean unchanged = email.equals(member.email()) && !nameChanged && !displayNameChanged;
                flash.addFlashAttribute(
                        Flash.NOTICE,
                        unchanged
                                ? "Nothing to save: " + email + " is as it was."
                                : "Saved the changes to " + email + ".");
                return "redirect:" + workspace.path("/members/" + member.id());
            } catch (RuntimeException e) {
                Optional<Merged> merged =
                        Refusals.changedMeanwhile(e) ? mergedOnChange(workspace, id, form) : Optional.empty();
                if (merged.isPresent()) {
                    errors.form(CHANGED_WHILE_EDITED);
                    response.setStatus(HttpStatus.CONFLICT.value());
                    showMember(workspace, merged.get().member(), merged.get().form(), errors, model);
                    return "members/member";
                }
                refused(e, errors);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        showMember(workspace, member, form, errors, model);
        return "members/member";
    }

    /** The member as it is now, and the form merged onto it. */
    private record Merged(MemberView member, MemberForm form) {}

    /**
     * An edit refused because the member changed after its page was shown: the member now, and the form with what the
     * admin changed (the fields that differ from the member at the version the page showed, read from its events) over
     * the member now. Empty when the member is gone, or the version sent is none of the member's.
     */
    private Optional<Merged> mergedOnChange(Workspace workspace, String id, MemberForm form) {
        if (form.version() == null) {
            return Optional.empty();
        }
        return findIfThere(workspace, id)
                .flatMap(now -> asOf.profileAt(new MemberId(now.id()), form.version())
                        .map(then -> new Merged(
                                now, form.mergedOnto(MemberForm.of(then, form.version()), MemberForm.of(now)))));
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            HttpServletRequest request,
            RedirectAttributes flash) {
        return setActive(admin, org, id, false, request, flash);
    }

    @PostMapping("/{id}/reactivate")
    String reactivate(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            HttpServletRequest request,
            RedirectAttributes flash) {
        return setActive(admin, org, id, true, request, flash);
    }

    @PostMapping("/{id}/delete")
    String delete(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable String id,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "members");
        Optional<MemberView> found = findIfThere(workspace, id);
        if (found.isEmpty()) {
            // deleted meanwhile (another tab, another admin, Okta): the page it was asked from is gone
            flash.addFlashAttribute(Flash.NOTICE, "That member was already deleted: nothing changed.");
            return "redirect:" + workspace.path("/members");
        }
        MemberView member = found.get();
        try {
            members.remove(
                    acting.as(admin, request), workspace.organization().organizationId(), new MemberId(member.id()));
            // a member without a name is labelled by its email: said once
            flash.addFlashAttribute(
                    Flash.NOTICE,
                    member.label().equals(member.email())
                            ? Flash.sentence("Deleted " + member.email())
                            : "Deleted " + member.label() + " (" + member.email() + ").");
            return "redirect:" + workspace.path("/members");
        } catch (RuntimeException e) {
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
            return "redirect:" + workspace.path("/members/" + member.id());
        }
    }

    private String setActive(
            ControlPanelAdmin admin,
            String org,
            String id,
            boolean active,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Workspace workspace = workspaces.open(admin, org, "members");
        MemberView member = find(workspace, id);
        if (member.active() == active) {
            // done meanwhile (another tab, another admin, Okta): said so, not claimed as done now
            // an invited member (not signed in yet) is not deactivated: it is not called active either
            String already = !active
                    ? " was already deactivated"
                    : member.status() == MemberStatus.INVITED ? " is not deactivated (invited)" : " was already active";
            flash.addFlashAttribute(Flash.NOTICE, Flash.sentence(member.label() + already + ": nothing changed"));
            return "redirect:" + workspace.path("/members/" + member.id());
        }
        try {
            members.setActive(
                    acting.as(admin, request),
                    workspace.organization().organizationId(),
                    new MemberId(member.id()),
                    active);
            flash.addFlashAttribute(
                    Flash.NOTICE, Flash.sentence((active ? "Reactivated " : "Deactivated ") + member.label()));
        } catch (RuntimeException e) {
            flash.addFlashAttribute(Flash.ALERT, Refusals.explain(e));
        }
        return "redirect:" + workspace.path("/members/" + member.id());
    }

    private void showList(
            Workspace workspace,
            MemberListParams params,
            InviteForm invite,
            FormErrors inviteErrors,
            boolean inviteOpen,
            Model model) {
        OrganizationId organizationId = workspace.organization().organizationId();
        MemberPage page = directory.findMembers(params.query(organizationId));
        long provisioned = directory
                .findMembers(new FindMembersQuery(organizationId, null, Source.OKTA, null, null, null, false, 0, 0))
                .total();
        long everyone = params.filtered()
                ? directory
                        .findMembers(FindMembersQuery.all(organizationId, 0, 0))
                        .total()
                : page.total();
        List<TeamRef> invitable = directory.invitableTeams(organizationId);
        model.addAttribute("workspace", workspace);
        model.addAttribute("params", params);
        model.addAttribute("members", page.items().stream().map(MemberView::of).toList());
        model.addAttribute(
                "paging",
                new Paging(
                        page.total(),
                        params.offset(),
                        MemberListParams.PAGE_SIZE,
                        page.items().size()));
        model.addAttribute("memberCount", everyone);
        model.addAttribute("provisionedCount", provisioned);
        List<TeamChip> teams = new ArrayList<>(
                directory.findTeams(FindTeamsQuery.all(organizationId, 0, FindTeamsQuery.MAX_LIMIT)).items().stream()
                        .map(MemberPagesController::chip)
                        .toList());
        Optional<TeamChip> chosen = params.team().isEmpty() ? Optional.empty() : chosenTeam(organizationId, params);
        // the team a link from its page chose, when it is not among the first teams by name the list offers
        chosen.filter(team -> teams.stream().noneMatch(t -> t.id().equals(team.id())))
                .ifPresent(team -> teams.add(0, team));
        model.addAttribute("teams", teams);
        model.addAttribute(
                "invitableTeams", invitable.stream().map(TeamChip::of).toList());
        // a link or bookmark to the members of a team deleted since: say so, rather than "no member matches"
        model.addAttribute("teamGone", !params.team().isEmpty() && chosen.isEmpty());
        model.addAttribute("invite", invite);
        model.addAttribute("inviteErrors", inviteErrors);
        model.addAttribute("inviteOpen", inviteOpen);
    }

    private Optional<TeamChip> chosenTeam(OrganizationId organizationId, MemberListParams params) {
        try {
            return directory.findTeam(organizationId, new TeamId(params.team())).map(MemberPagesController::chip);
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private static TeamChip chip(TeamSummary team) {
        return new TeamChip(
                team.team().teamId().value(),
                team.team().displayName().value(),
                team.team().source() == Source.OKTA);
    }

    private void showMember(Workspace workspace, MemberView member, MemberForm form, FormErrors errors, Model model) {
        model.addAttribute("workspace", workspace);
        model.addAttribute("member", member);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("deleteOpen", false);
    }

    private MemberView find(Workspace workspace, String id) {
        return findIfThere(workspace, id).orElseThrow(PageNotFound::member);
    }

    private Optional<MemberView> findIfThere(Workspace workspace, String id) {
        return MemberView.find(directory, workspace.organization().organizationId(), id);
    }

    /**
     * The name as the form sent it, held as first and last name (a whole name the form showed split is now held by
     * them, and a whole name beside the parts, which would no longer say the same, is dropped); the parts the form does
     * not show (middle name, honorifics) are kept as they were.
     */
    private PersonName editedName(Workspace workspace, MemberView member, PersonName edited) {
        PersonName old = directory
                .findMember(workspace.organization().organizationId(), new MemberId(member.id()))
                .map(summary -> summary.member().profile().name())
                .orElse(PersonName.EMPTY);
        return new PersonName(
                null,
                edited.familyName(),
                edited.givenName(),
                old.middleName(),
                old.honorificPrefix(),
                old.honorificSuffix());
    }

    private static PersonName personName(String givenName, String familyName, FormErrors errors) {
        check(() -> PersonName.of(givenName, null), "givenName", "First name", errors);
        check(() -> PersonName.of(null, familyName), "familyName", "Last name", errors);
        try {
            return PersonName.of(givenName, familyName);
        } catch (InvalidValueException e) {
            return PersonName.EMPTY;
        }
    }

    private static String required(String value, String field, String message, FormErrors errors) {
        if (value == null || value.isBlank()) {
            errors.field(field, message);
            return null;
        }
        return value.strip();
    }

    /**
     * Builds a value object of the domain: its own validation says what is wrong with the field, by the form's label
     * for it ({@code First name must be at most 256 characters}, not {@code name.givenName}).
     */
    private static void check(Runnable build, String field, String label, FormErrors errors) {
        try {
            build.run();
        } catch (InvalidValueException e) {
            errors.field(field, label == null ? e.getMessage() : FieldLabels.relabel(e.getMessage(), label));
        }
    }

    /** A refused command: a taken email or an invalid value next to the field, anything else on the form. */
    private static void refused(RuntimeException failure, FormErrors errors) {
        if (Refusals.changedMeanwhile(failure)) {
            errors.form(Refusals.CHANGED_MEANWHILE);
            return;
        }
        DomainException refusal = Refusals.domainCause(failure).orElseThrow(() -> failure);
        switch (refusal.errorCode()) {
            case USER_NAME_TAKEN ->
                errors.field("email", "Another member of this organization already uses this" + " email address.");
            case INVALID_VALUE -> {
                Field field = FieldLabels.valueName(refusal.getMessage())
                        .map(FIELDS::get)
                        .orElse(null);
                if (field == null) {
                    errors.form(refusal.getMessage());
                } else {
                    errors.field(field.name(), FieldLabels.relabel(refusal.getMessage(), field.label()));
                }
            }
            case MANUAL_MEMBER_IN_PROVISIONED_TEAM ->
                errors.field(
                        "teamIds",
                        "A member you invite can not join a team managed in Okta: choose teams created in the Control"
                                + " Panel.");
            case TEAM_NOT_FOUND -> errors.field("teamIds", "One of the chosen teams no longer exists.");
            default -> errors.form(refusal.getMessage());
        }
    }
}
