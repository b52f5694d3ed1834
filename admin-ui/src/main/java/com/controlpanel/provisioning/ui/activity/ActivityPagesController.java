package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityActions;
import com.controlpanel.provisioning.activity.ActivityFailures;
import com.controlpanel.provisioning.activity.ActivityPage;
import com.controlpanel.provisioning.activity.ActivityProgress;
import com.controlpanel.provisioning.activity.ActivityQueries;
import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.activity.SubjectSources;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.layout.Choices;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.controlpanel.provisioning.ui.layout.ItsParametersOnly;
import com.controlpanel.provisioning.ui.layout.PageNotFound;
import com.controlpanel.provisioning.ui.layout.Workspace;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriUtils;

/**
 * Activity > Actions: the organization's timeline, newest first, with filters (who, what, about whom, when), pages
 * by cursor, new actions appearing live on the newest page (see {@link ActivityStreamController}), CSV and JSON
 * exports of the whole filtered timeline, and the details of each action.
 */
@Controller
@RequestMapping("/orgs/{org}/activity")
public class ActivityPagesController {

    static final int PAGE_SIZE = 25;
    static final int LIVE_BATCH = 50;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Workspaces workspaces;
    private final ActivityQueries activity;
    private final ActivityProgress progress;
    private final ActivityFilters filters;
    private final DirectoryQueries directory;
    private final ActivityRowViews views;
    private final SubjectSources sources;
    private final ActivityFailures failures;
    private final Clock clock;

    public ActivityPagesController(
            Workspaces workspaces,
            ActivityQueries activity,
            ActivityProgress progress,
            ActivityFilters filters,
            DirectoryQueries directory,
            ActivityRowViews views,
            SubjectSources sources,
            ActivityFailures failures) {
        this.failures = failures;
        this.workspaces = workspaces;
        this.activity = activity;
        this.progress = progress;
        this.filters = filters;
        this.directory = directory;
        this.views = views;
        this.sources = sources;
        this.clock = Clock.systemUTC();
    }

    @ItsParametersOnly
    @GetMapping
    String timeline(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @ModelAttribute("params") ActivityParams params,
            @RequestParam(required = false) String picked,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "activity");
        String canonical = showTimeline(
                workspace,
                filters.withPicked(workspace.organization().organizationId(), params, picked),
                response,
                model);
        if (canonical != null) {
            // a typed name that meant one member or team: the address names it by its id, so that a bookmark or a
            // reload keeps meaning that one, even once another answers to the name too
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Push-Url", canonical);
            } else {
                return "redirect:" + canonical;
            }
        }
        return "activity/timeline";
    }

    /**
     * The newest actions the page's filters let through, newest first: the live view adds those it does not show yet,
     * in their place (an action whose event filled a gap is stored a moment after newer ones). {@code more} says that
     * even the oldest of them is newer than {@code after}, so there may be new ones beyond the batch.
     */
    @GetMapping("/new")
    String newRows(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @ModelAttribute("params") ActivityParams params,
            @RequestParam(required = false, defaultValue = "0") long after,
            HttpServletResponse response,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "activity");
        String path = workspace.path("/activity");
        ActivityFilter filter =
                filters.read(workspace.organization().organizationId(), params.withoutCursor(), path, LIVE_BATCH);
        List<ActivityRow> rows = List.of();
        boolean more = false;
        if (filter.valid()) {
            ActivityPage page = activity.find(filter.query());
            rows = page.items();
            more = page.nextCursor() != null && rows.stream().allMatch(row -> row.position() > after);
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        model.addAttribute("workspace", workspace);
        model.addAttribute("rows", views.views(workspace.organization().organizationId(), rows));
        model.addAttribute(
                "lastPosition",
                rows.isEmpty() ? after : Math.max(after, rows.get(0).position()));
        model.addAttribute("more", more);
        return "activity/rows :: new-rows";
    }

    @GetMapping("/{position:\\d{1,18}}")
    String details(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @PathVariable long position,
            Model model) {
        Workspace workspace = workspaces.open(admin, org, "activity");
        OrganizationId organizationId = workspace.organization().organizationId();
        ActivityRow row = activity.row(organizationId, position)
                .orElseThrow(() -> new PageNotFound("This action is not in this organization's timeline."));
        model.addAttribute("workspace", workspace);
        ActivityDetailsView details =
                ActivityDetailsView.of(row, views.view(workspace.organization().organizationId(), row));
        model.addAttribute("details", details);
        // new credentials and switching off name the Secret Token that stopped working (never the token): the
        // actions Okta made with it are one link away, and those made with the new one
        model.addAttribute(
                "tokenActions",
                "provisioning.credentials-issued".equals(row.action())
                        ? actionsBy(workspace, details.fact("credentialId"))
                        : null);
        model.addAttribute("revokedTokenActions", actionsBy(workspace, details.fact("revokedCredentialId")));
        model.addAttribute("subjectPage", subjectPage(workspace, row.subjectType(), row.subjectId()));
        model.addAttribute("subjectHistory", historyPath(workspace, row.subjectType(), row.subjectId()));
        model.addAttribute(
                "relatedHistory", row.relatedId() == null ? null : historyPath(workspace, "MEMBER", row.relatedId()));
        return "activity/details";
    }

    /** UTF-8's byte order mark. */
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * The whole filtered timeline as a file (CSV or JSON), streamed from the database; the CSV starts with UTF-8's byte
     * order mark, for spreadsheets. Its links carry the filters, never the cursor of a page: one edited in is a bad link,
     * not an export of the whole timeline.
     */
    @ItsParametersOnly(notRead = "before")
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @ModelAttribute("params") ActivityParams params,
            @RequestParam(required = false) String format) {
        Workspace workspace = workspaces.open(admin, org, "activity");
        // a format no export link gives (an address edited by hand) is a bad link, not a CSV file in its place
        boolean json = "json".equals(Choices.known(format, "csv", "json"));
        String path = workspace.path("/activity");
        ActivityFilter filter =
                filters.read(workspace.organization().organizationId(), params.withoutCursor(), path, PAGE_SIZE);
        if (!filter.valid()) {
            // the timeline says what is wrong with which filter
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create(params.at(path, "")))
                    .build();
        }
        ActivityQueries.Format chosen = json ? ActivityQueries.Format.JSON : ActivityQueries.Format.CSV;
        String name = "activity-" + slug(workspace.organization().name()) + "-" + FILE_TIME.format(clock.instant())
                + (json ? ".json" : ".csv");
        progress.awaitLatest(workspace.organization().organizationId(), ActivityProgress.READ_AFTER_WRITE);
        StreamingResponseBody body = out -> {
            if (!json) {
                // a spreadsheet opened on the file reads it as UTF-8 only with the mark first (Excel takes it for the
                // system's code page otherwise: accented names come out garbled); the JSON API's CSV is for scripts
                out.write(UTF8_BOM);
            }
            activity.export(filter.query(), chosen, sources, out);
        };
        return ResponseEntity.ok()
                .contentType(json ? MediaType.APPLICATION_JSON : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    /**
     * Shows the timeline the filters ask for; answers its address with the member or team given by its id, when a
     * typed name stood for it (null otherwise).
     */
    private String showTimeline(Workspace workspace, ActivityParams params, HttpServletResponse response, Model model) {
        OrganizationId organizationId = workspace.organization().organizationId();
        String path = workspace.path("/activity");
        ActivityFilter filter = filters.read(organizationId, params, path, PAGE_SIZE);
        String subjectId = filter.valid() ? filter.query().subjectId() : null;
        String canonical = subjectId != null && !subjectId.equals(params.subject())
                ? params.withSubject(subjectId).at(path, params.before())
                : null;
        List<ActivityRow> rows = List.of();
        Long next = null;
        if (filter.valid()) {
            if (filter.query().before() == null) {
                // the newest page shows the row of a write made just before (the timeline is written asynchronously)
                progress.awaitLatest(organizationId, ActivityProgress.READ_AFTER_WRITE);
            }
            ActivityPage page = activity.find(filter.query());
            rows = page.items();
            next = page.nextCursor();
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        }
        long lastPosition =
                params.newest() && !rows.isEmpty() ? rows.get(0).position() : activity.lastPosition(organizationId);
        model.addAttribute("workspace", workspace);
        model.addAttribute("params", params);
        model.addAttribute("filter", filter);
        model.addAttribute("errors", filter.errors());
        model.addAttribute("categories", ActivityActions.CATEGORIES);
        model.addAttribute("fromValue", Dates.field(params.from()));
        model.addAttribute("toValue", Dates.field(params.to()));
        model.addAttribute("rows", views.views(workspace.organization().organizationId(), rows));
        // the links go on with the member or team the typed name meant, by its id, as the address does
        ActivityParams linked = canonical != null ? params.withSubject(subjectId) : params;
        model.addAttribute("olderLink", next == null ? null : linked.at(path, next.toString()));
        model.addAttribute("newestLink", params.newest() ? null : linked.at(path, ""));
        String newerLink = null;
        if (filter.valid() && filter.query().before() != null) {
            // the page just above this one: the newest page when no more than a page of rows is above
            long above =
                    rows.isEmpty() ? filter.query().before() - 1 : rows.get(0).position();
            newerLink = activity.newerCursor(filter.query(), above)
                    .map(cursor -> linked.at(path, cursor.toString()))
                    .orElse(linked.at(path, ""));
        }
        model.addAttribute("newerLink", newerLink);
        model.addAttribute("live", filter.valid() && params.newest());
        // the timeline stands still while the processor retries an event it can not store
        model.addAttribute("behind", failures.failing(ActivityFailures.FAILING_WINDOW));
        model.addAttribute("lastPosition", lastPosition);
        model.addAttribute("newRowsUrl", linked.on(workspace.path("/activity/new"), "after", ""));
        model.addAttribute("exportCsv", linked.on(workspace.path("/activity/export"), "format", "csv"));
        model.addAttribute("exportJson", linked.on(workspace.path("/activity/export"), "format", "json"));
        return canonical;
    }

    /** The timeline of one actor (an admin, or one Secret Token of the SCIM integration); null for no actor. */
    private static String actionsBy(Workspace workspace, String actorId) {
        return actorId == null || actorId.isBlank()
                ? null
                : workspace.path("/activity") + "?by=" + UriUtils.encodeQueryParam(actorId, StandardCharsets.UTF_8);
    }

    private String subjectPage(Workspace workspace, String type, String id) {
        OrganizationId organizationId = workspace.organization().organizationId();
        try {
            if ("MEMBER".equals(type)) {
                return directory.findMember(organizationId, new MemberId(id)).isPresent()
                        ? workspace.path("/members/" + id)
                        : null;
            }
            if ("TEAM".equals(type)) {
                return directory.findTeam(organizationId, new TeamId(id)).isPresent()
                        ? workspace.path("/teams/" + id)
                        : null;
            }
        } catch (InvalidValueException e) {
            return null;
        }
        return workspace.path("/settings/provisioning");
    }

    private static String historyPath(Workspace workspace, String type, String id) {
        return switch (type) {
            case "MEMBER" -> workspace.path("/members/" + id + "/history");
            case "TEAM" -> workspace.path("/teams/" + id + "/history");
            default -> workspace.path("/audit/provisioning");
        };
    }

    private static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "organization" : slug.substring(0, Math.min(40, slug.length()));
    }
}
