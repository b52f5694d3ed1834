package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityFeed;
import com.controlpanel.provisioning.activity.ActivityQueries;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.ui.AdminOrganizations;
import com.controlpanel.provisioning.ui.ControlPanelAdmin;
import com.controlpanel.provisioning.ui.SignedInSessions;
import com.controlpanel.provisioning.ui.layout.Workspaces;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells an open Activity page, under the admin's session, that its organization has a new action: server-sent events
 * ({@code event: ready} at once, then {@code event: activity}, {@code id} and data = the row's position), a comment every
 * 15 seconds to keep the connection open, and, after a reconnect with {@code Last-Event-ID}, one event at once if
 * anything was missed. The page then asks for the new rows its filters let through.
 *
 * <p>An admin who already holds as many live streams as it may ({@link LiveStreams}) gets {@code event: refused}, whose
 * data is what the page shows, and the stream ends: a browser's {@code EventSource} can not read the status of an
 * answer other than 200, so a 429 would leave the page unable to say why it is not live. The browser asks again after
 * the {@code retry} the event gives, and the page goes live by itself once one of the admin's other streams has ended.
 */
@Controller
public class ActivityStreamController {

    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;
    private static final long RECONNECT_MS = 3000;
    /** How long a refused page waits before it asks again. */
    static final long REFUSED_RETRY_MS = 10_000;
    /** Positions that may wait for a slow page before it is sent away to reconnect. */
    private static final int BACKLOG = 10_000;

    private final Workspaces workspaces;
    private final ActivityFeed feed;
    private final ActivityQueries activity;
    private final AdminOrganizations organizations;
    private final SignedInSessions sessions;
    private final LiveStreams streams;

    public ActivityStreamController(
            Workspaces workspaces,
            ActivityFeed feed,
            ActivityQueries activity,
            AdminOrganizations organizations,
            SignedInSessions sessions,
            LiveStreams streams) {
        this.workspaces = workspaces;
        this.feed = feed;
        this.activity = activity;
        this.organizations = organizations;
        this.sessions = sessions;
        this.streams = streams;
    }

    @GetMapping(value = "/orgs/{org}/activity/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(
            @AuthenticationPrincipal ControlPanelAdmin admin,
            @PathVariable String org,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            HttpSession session) {
        OrganizationId organizationId =
                workspaces.open(admin, org, "activity").organization().organizationId();
        LiveStreams.Place place;
        try {
            place = streams.reserve(admin.adminId());
        } catch (LiveStreams.TooManyStreams e) {
            return refused(e);
        }
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        try {
            // written at once, so the page knows it is live before the first action arrives
            emitter.send(
                    SseEmitter.event().reconnectTime(RECONNECT_MS).name("ready").data("live"));
        } catch (IOException | IllegalStateException e) {
            place.release();
            emitter.completeWithError(e);
            return emitter;
        }
        // the rows themselves are fetched by the page, each request checked; the stream ends once the session is
        // signed out (or its admin's password changed) or the admin no longer manages the organization
        streams.open(
                place,
                emitter,
                BACKLOG,
                () -> sessions.stillSignedIn(admin, session) && organizations.manages(admin, organizationId),
                stream -> {
                    if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
                        long seen = Long.parseLong(lastEventId);
                        stream.offer(live -> {
                            long missed = activity.lastPosition(organizationId);
                            if (missed > seen) {
                                send(live, missed);
                            }
                        });
                    }
                },
                stream -> feed.subscribe(organizationId, row -> stream.offer(live -> send(live, row.position()))));
        return emitter;
    }

    private static SseEmitter refused(LiveStreams.TooManyStreams e) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        try {
            emitter.send(SseEmitter.event()
                    .reconnectTime(REFUSED_RETRY_MS)
                    .name("refused")
                    .data("Live updates are paused: your account has " + e.perAdmin()
                            + " live Activity pages or streams open already, the most it may hold at once."
                            + " This page goes live by itself soon after one of them is closed (within half a"
                            + " minute)."));
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
        return emitter;
    }

    private static void send(LiveStream stream, long position) throws IOException {
        String id = Long.toString(position);
        stream.send(SseEmitter.event().id(id).name("activity").data(id, MediaType.TEXT_PLAIN));
    }
}
