package com.controlpanel.provisioning.ui.replay;

import com.controlpanel.provisioning.directory.DirectoryAsOf;
import com.controlpanel.provisioning.directory.OrganizationState;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.Moments;
import com.controlpanel.provisioning.ui.layout.Paging;
import com.controlpanel.provisioning.ui.layout.QueryString;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Audit replay, the organization as of a chosen moment: its settings, members, teams and memberships then, folded
 * from the event store to the millisecond. A banner says that it is a past state; nothing on it can be changed.
 */
@Controller
public class AsOfController {

    static final int PAGE_SIZE = 50;

    private final Workspaces workspaces;
    private final DirectoryAsOf asOf;
    private final Clock clock;

    public AsOfController(Workspaces workspaces, DirectoryAsOf asOf) {
        this.workspaces = workspaces;
        this.asOf = asOf;
        this.clock = Clock.systemUTC();
    }

    @ItsParametersOnly
    @GetMapping({"/orgs/{org}/audit", "/orgs/{org}/audit/"})
    String asOf(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) Long through,
            @RequestParam(required = false) Integer members,
            @RequestParam(required = false) Integer teams,
            HttpServletResponse response,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "audit");
        FormErrors errors = new FormErrors();
        Instant instant = null;
        try {
            instant = Moments.parse(at);
        } catch (Moments.NotAMoment e) {
            errors.field("at", e.getMessage());
        }
        if (at != null && at.isBlank()) {
            // the form sent without a moment (the page opened without one asks for it, without an error)
            errors.field("at", "Enter a moment: pick a date and time, or write it like 2026-01-05 14:30 (UTC).");
        }
        // the field shows the moment asked for, also one refused for being still to come (to correct it)
        String atValue = instant == null ? "" : Dates.field(instant);
        if (instant != null && instant.isAfter(clock.instant())) {
            errors.field("at", "That moment is still to come: choose one in the past. Members and Teams show now.");
            instant = null;
        }
        int memberOffset = Paging.offset(members);
        int teamOffset = Paging.offset(teams);
        AsOfView view = null;
        Long position = null;
        if (instant != null) {
            // a link from an action: the state right after it, not after others of the same millisecond
            position = through == null || through < 0 ? null : through;
            OrganizationState state = asOf.at(workspace.organization().organizationId(), instant, position);
            if (!state.throughSeen()) {
                // an address edited by hand: the state after every event of that moment, and the page says so
                model.addAttribute("throughIgnored", position);
                position = null;
                state = asOf.at(workspace.organization().organizationId(), instant, null);
            }
            view = AsOfView.of(state, memberOffset, teamOffset, PAGE_SIZE);
            String path = workspace.path("/audit");
            String iso = Dates.iso(instant);
            model.addAttribute(
                    "memberPaging",
                    new Paging(
                            view.memberCount(),
                            memberOffset,
                            PAGE_SIZE,
                            view.members().size()));
            model.addAttribute("memberLinks", new Links(path, iso, position, "members", "teams", teamOffset));
            model.addAttribute(
                    "teamPaging",
                    new Paging(
                            view.teamCount(),
                            teamOffset,
                            PAGE_SIZE,
                            view.teams().size()));
            model.addAttribute("teamLinks", new Links(path, iso, position, "teams", "members", memberOffset));
        } else if (errors.any()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        model.addAttribute("workspace", workspace);
        model.addAttribute("operator", admin.operator());
        model.addAttribute("errors", errors);
        model.addAttribute("atValue", atValue);
        model.addAttribute("state", view);
        model.addAttribute("through", position);
        model.addAttribute("createdAt", Dates.precise(workspace.organization().createdAt()));
        return "replay/as-of";
    }

    /** Links to the pages of one list of the past state, keeping the moment and the other list's page. */
    public record Links(String path, String moment, Long through, String name, String otherName, int otherOffset) {

        /** The pager's link to another page of this list (the path is this record's own). */
        public String at(String ignored, int offset) {
            return new QueryString(path)
                    .put("at", moment)
                    .put("through", through == null ? "" : Long.toString(through))
                    .put(otherName, otherOffset > 0 ? Integer.toString(otherOffset) : "")
                    .put(name, offset > 0 ? Integer.toString(offset) : "")
                    .toString();
        }
    }
}
