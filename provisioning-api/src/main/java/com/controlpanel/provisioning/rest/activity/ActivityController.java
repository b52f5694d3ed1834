package com.controlpanel.provisioning.rest.activity;

import com.controlpanel.provisioning.activity.ActivityActions;
import com.controlpanel.provisioning.activity.ActivityFeed;
import com.controlpanel.provisioning.activity.ActivityPage;
import com.controlpanel.provisioning.activity.ActivityProgress;
import com.controlpanel.provisioning.activity.ActivityQueries;
import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.activity.FindActivityQuery;
import com.controlpanel.provisioning.activity.SubjectSources;
import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.rest.AcceptableAnswers;
import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.rest.Instants;
import com.controlpanel.provisioning.rest.OrganizationAccess;
import com.controlpanel.provisioning.rest.Params;
import com.controlpanel.provisioning.security.AdminUser;
import com.controlpanel.provisioning.ui.activity.LiveStream;
import com.controlpanel.provisioning.ui.activity.LiveStreams;
import com.controlpanel.provisioning.web.Edge;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/orgs/{org}/activity}: Activity > Actions, newest first, with filters, cursor paging, one row, exports
 * (CSV, JSON; streamed) and a live stream of new rows (server-sent events).
 */
@RestController
@RequestMapping("/api/orgs/{org}/activity")
public class ActivityController {

    /** A page: the rows, and the cursor of the next (older) page, null at the end. */
    public record ActivityPageJson(List<ActivityJson> items, String nextCursor) {}

    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;
    /** Rows missed since {@code Last-Event-ID}, read this many at a time until none is left. */
    private static final int RESUME_PAGE = 500;
    /** Rows that may wait for a slow client before it is sent away to reconnect and resume. */
    static final int STREAM_BACKLOG = 2_000;

    private final OrganizationAccess access;
    private final ActivityQueries activity;
    private final ActivityProgress progress;
    private final ActivityFeed feed;
    private final QueryGateway queries;
    private final LiveStreams streams;
    private final SubjectSources sources;
    /** Streams resuming after a restart all at once read their missed rows two at a time, not each on a connection. */
    private final Semaphore resumeReads = new Semaphore(2);

    public ActivityController(
            OrganizationAccess access,
            ActivityQueries activity,
            ActivityProgress progress,
            ActivityFeed feed,
            QueryGateway queries,
            LiveStreams streams,
            SubjectSources sources) {
        this.access = access;
        this.activity = activity;
        this.progress = progress;
        this.feed = feed;
        this.queries = queries;
        this.streams = streams;
        this.sources = sources;
    }

    @GetMapping
    public ActivityPageJson list(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestParam(required = false) String actorKind,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) List<String> action,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit) {
        OrganizationRow organization = access.require(admin, org);
        FindActivityQuery query = query(
                organization.organizationId(),
                actorKind,
                actor,
                action,
                subject,
                from,
                to,
                cursor,
                Params.cursorLimit(limit, FindActivityQuery.MAX_LIMIT));
        if (query.before() == null) {
            // the newest page shows the row of a write made just before (the timeline is written asynchronously)
            progress.awaitLatest(organization.organizationId(), ActivityProgress.READ_AFTER_WRITE);
        } else if (!activity.hasRow(organization.organizationId(), query.before())) {
            // every cursor given is the position of one of the organization's rows: one past the newest, or of another
            // organization, would be served as the newest page, or an empty one, as if it were a page
            throw new InvalidValueException("Parameter 'cursor' is not a cursor this API gave");
        }
        ActivityPage page = queries.query(query, ActivityPage.class).join();
        Map<String, Source> subjects = sources.of(organization.organizationId(), page.items());
        return new ActivityPageJson(
                page.items().stream()
                        .map(row -> ActivityJson.of(row, subjects.get(row.subjectId())))
                        .toList(),
                page.nextCursor() == null ? null : page.nextCursor().toString());
    }

    @GetMapping("/{position:\\d+}")
    public ActivityJson row(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, @PathVariable long position) {
        OrganizationRow organization = access.require(admin, org);
        return activity.row(organization.organizationId(), position)
                .map(row -> ActivityJson.of(row, sources.of(organization.organizationId(), row)))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", "No such activity row"));
    }

    /**
     * The whole filtered timeline (no paging) as a file: CSV (default) or JSON, as {@code format} says; an
     * {@code Accept} that takes neither that type nor any is refused (406) as on every other call.
     */
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(required = false, defaultValue = "csv") String format,
            @RequestParam(required = false) String actorKind,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) List<String> action,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        OrganizationRow organization = access.require(admin, org);
        ActivityQueries.Format chosen = Params.optionalEnum(format, ActivityQueries.Format.class, "format");
        FindActivityQuery query =
                query(organization.organizationId(), actorKind, actor, action, subject, from, to, null, 0);
        progress.awaitLatest(organization.organizationId(), ActivityProgress.READ_AFTER_WRITE);
        String extension = chosen == ActivityQueries.Format.CSV ? "csv" : "json";
        MediaType type = chosen == ActivityQueries.Format.CSV
                ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                : MediaType.APPLICATION_JSON;
        if (!takes(accept, type)) {
            throw AcceptableAnswers.refused(
                    "This export (format=" + extension + ")", type.getType() + "/" + type.getSubtype(), accept);
        }
        StreamingResponseBody body = out -> activity.export(query, chosen, sources, out);
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"activity-"
                                + organization.organizationId().value() + "." + extension + "\"")
                .body(body);
    }

    /**
     * New rows as they are stored, as server-sent events ({@code event: activity}, {@code id} = position, data =
     * the row as JSON). With {@code Last-Event-ID}, every row missed since that one comes first, however many.
     */
    @GetMapping("/stream")
    public SseEmitter stream(
            @AuthenticationPrincipal AdminUser admin,
            @PathVariable String org,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request) {
        // checked here rather than by the mapping: Spring matched text/event-stream;q=0, and answered a header that is
        // no list of media types with an empty 406
        if (!takes(accept, MediaType.TEXT_EVENT_STREAM)) {
            throw AcceptableAnswers.refused(Edge.path(request), MediaType.TEXT_EVENT_STREAM_VALUE, accept);
        }
        OrganizationRow organization = access.require(admin, org);
        Long resumeAfter = resumeAfter(organization.organizationId(), lastEventId);
        BooleanSupplier stillAllowed = access.stillAllowed(admin, organization.organizationId());
        LiveStreams.Place place;
        try {
            place = streams.reserve(admin.adminId());
        } catch (LiveStreams.TooManyStreams e) {
            // a stream whose client left is found gone by its keep-alives, within this long
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", e.getMessage(), LiveStreams.FREED_WITHIN_SECONDS);
        }
        return openStream(place, organization.organizationId(), resumeAfter, stillAllowed);
    }

    /**
     * The position a {@code Last-Event-ID} resumes after, null for none: one that is no row of this organization (not
     * a position, past its newest row, another organization's, from before a restore) is refused, since read as none
     * the stream would skip what the client missed without a word.
     */
    private Long resumeAfter(OrganizationId organizationId, String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        String id = lastEventId.strip();
        if (!id.matches("\\d{1,18}")) {
            throw new InvalidValueException("Header 'Last-Event-ID' must be the id of a row this stream sent (its"
                    + " position), not '" + id + "'");
        }
        long position = Long.parseLong(id);
        if (activity.row(organizationId, position).isEmpty()) {
            throw new InvalidValueException("Header 'Last-Event-ID' is " + position + ", which is no row of this"
                    + " organization's Activity: read the newest page again, and send its newest position");
        }
        return position;
    }

    SseEmitter openStream(
            LiveStreams.Place place, OrganizationId organizationId, Long resumeAfter, BooleanSupplier stillAllowed) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        try {
            // the status and headers go out now, not with the first row (a client or proxy may give up waiting)
            emitter.send(SseEmitter.event().comment("live"));
        } catch (IOException | IllegalStateException e) {
            place.release();
            emitter.completeWithError(e);
            return emitter;
        }
        Resuming resuming = new Resuming();
        streams.open(
                place,
                emitter,
                STREAM_BACKLOG,
                stillAllowed,
                stream -> {
                    if (resumeAfter != null) {
                        stream.offer(live -> resuming.sendMissed(live, organizationId, resumeAfter));
                    }
                },
                // subscribed before the missed rows are read, so that nothing falls in between; the rows the feed
                // brings meanwhile queue behind them
                stream -> feed.subscribe(organizationId, row -> stream.offer(live -> resuming.sendLive(live, row))));
        return emitter;
    }

    /**
     * A stream's rows: those missed since {@code Last-Event-ID}, read page by page, then each the feed brings, none
     * twice (a row stored while the missed ones were read comes both ways). Used on the stream's own thread only.
     */
    private final class Resuming {

        /**
         * The last rows sent as missed: only a row stored while they were read can come from the feed too, and at most
         * a backlog of those can wait behind them.
         */
        private final Set<Long> sentAsMissed = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > STREAM_BACKLOG + RESUME_PAGE;
            }
        });

        void sendMissed(LiveStream stream, OrganizationId organizationId, long after) throws IOException {
            List<ActivityRow> page;
            do {
                page = readMissed(organizationId, after);
                for (ActivityRow missed : page) {
                    sentAsMissed.add(missed.position());
                    send(stream, missed);
                    after = missed.position();
                }
            } while (page.size() == RESUME_PAGE);
        }

        void sendLive(LiveStream stream, ActivityRow row) throws IOException {
            if (!sentAsMissed.remove(row.position())) {
                send(stream, row);
            }
        }
    }

    /** A page of missed rows, read by at most two streams at once (each on its own thread) to spare the pool. */
    private List<ActivityRow> readMissed(OrganizationId organizationId, long after) throws IOException {
        try {
            resumeReads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to read missed rows", e);
        }
        try {
            return activity.after(organizationId, after, RESUME_PAGE);
        } finally {
            resumeReads.release();
        }
    }

    /** Whether an Accept header (none: anything) takes this type; one that is no list of types is refused. */
    private static boolean takes(String accept, MediaType type) {
        try {
            return AcceptableAnswers.takes(accept, type);
        } catch (InvalidMediaTypeException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "The Accept header is not a list of media types: send " + type.getType() + "/" + type.getSubtype()
                            + ", or leave Accept out");
        }
    }

    private void send(LiveStream stream, ActivityRow row) throws IOException {
        Source subject = sources.of(new OrganizationId(row.organizationId()), row);
        stream.send(SseEmitter.event()
                .id(Long.toString(row.position()))
                .name("activity")
                .data(ActivityJson.of(row, subject), MediaType.APPLICATION_JSON));
    }

    private static FindActivityQuery query(
            OrganizationId organizationId,
            String actorKind,
            String actor,
            List<String> actions,
            String subject,
            String from,
            String to,
            String cursor,
            int limit) {
        String kind = null;
        if (actorKind != null && !actorKind.isBlank()) {
            kind = actorKind.strip().toUpperCase(Locale.ROOT);
            if (!List.of("ADMIN", "IDENTITY_PROVIDER", "SYSTEM").contains(kind)) {
                throw new InvalidValueException(
                        "Parameter 'actorKind' must be one of: admin, identity_provider, system");
            }
        }
        List<String> actionList = new ArrayList<>();
        if (actions != null) {
            for (String action : actions) {
                for (String part : action.split(",")) {
                    String trimmed = part.strip().toLowerCase(Locale.ROOT);
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (!ActivityActions.known(trimmed)) {
                        // a typo would otherwise find nothing and look like no such action happened
                        throw new InvalidValueException("Parameter 'action' has an unknown value: " + part.strip()
                                + " (an action such as member.invited, or a whole category: "
                                + ActivityActions.CATEGORIES.stream()
                                        .map(ActivityActions.Category::name)
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + ")");
                    }
                    actionList.add(trimmed);
                }
            }
        }
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            if (!cursor.matches("\\d{1,18}")) {
                throw new InvalidValueException("Parameter 'cursor' is not a cursor this API gave");
            }
            before = Long.parseLong(cursor);
        }
        var fromInstant = Instants.optional(from, "from");
        var toInstant = Instants.optional(to, "to");
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new InvalidValueException("Parameter 'from' must be before 'to'");
        }
        return new FindActivityQuery(
                organizationId,
                kind,
                actor == null || actor.isBlank() ? null : actor.strip(),
                actionList,
                subject == null || subject.isBlank() ? null : subject.strip(),
                fromInstant,
                toInstant,
                before,
                limit);
    }
}
