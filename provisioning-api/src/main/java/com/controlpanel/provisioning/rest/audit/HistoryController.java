package com.controlpanel.provisioning.rest.audit;

import com.controlpanel.provisioning.directory.OrganizationRow;
import com.controlpanel.provisioning.history.AuditHistory;
import com.controlpanel.provisioning.history.HistoryEntry;
import com.controlpanel.provisioning.rest.ApiException;
import com.controlpanel.provisioning.rest.OrganizationAccess;
import com.controlpanel.provisioning.security.AdminUser;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event history of a member, a team, or the organization's provisioning integration: every event, in order,
 * read from the event store and upcasted to its current shape.
 */
@RestController
@RequestMapping("/api/orgs/{org}")
public class HistoryController {

    /** One event of a history. */
    public record HistoryJson(
            long position,
            long sequenceNumber,
            String eventId,
            String type,
            String storedRevision,
            String revision,
            Instant occurredAt,
            ActorJson actor,
            String requestId,
            String client,
            JsonNode payload) {}

    /** Who caused the event. */
    public record ActorJson(String kind, String id, String name) {}

    private final OrganizationAccess access;
    private final AuditHistory history;

    public HistoryController(OrganizationAccess access, AuditHistory history) {
        this.access = access;
        this.history = history;
    }

    @GetMapping("/members/{id}/history")
    public List<HistoryJson> member(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, @PathVariable String id) {
        return of(access.require(admin, org), AuditHistory.Kind.MEMBER, id, "member");
    }

    @GetMapping("/teams/{id}/history")
    public List<HistoryJson> team(
            @AuthenticationPrincipal AdminUser admin, @PathVariable String org, @PathVariable String id) {
        return of(access.require(admin, org), AuditHistory.Kind.TEAM, id, "team");
    }

    /** The organization aggregate: creation, admins, provisioning switched on and off, credentials issued. */
    @GetMapping("/provisioning/history")
    public List<HistoryJson> provisioning(@AuthenticationPrincipal AdminUser admin, @PathVariable String org) {
        OrganizationRow organization = access.require(admin, org);
        return of(
                organization,
                AuditHistory.Kind.ORGANIZATION,
                organization.organizationId().value(),
                "organization");
    }

    private List<HistoryJson> of(
            OrganizationRow organization, AuditHistory.Kind kind, String aggregateId, String what) {
        List<HistoryEntry> entries = history.of(organization.organizationId(), kind, aggregateId);
        if (entries.isEmpty()) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    what + "-not-found",
                    "No " + what + " with id " + aggregateId + " in this organization");
        }
        return entries.stream()
                .map(entry -> new HistoryJson(
                        entry.position(),
                        entry.sequenceNumber(),
                        entry.eventId(),
                        entry.type(),
                        entry.storedRevision(),
                        entry.revision(),
                        entry.occurredAt(),
                        new ActorJson(
                                entry.actor().kind().name(),
                                entry.actor().id(),
                                entry.actor().name()),
                        entry.requestId(),
                        entry.client(),
                        entry.shownPayload()))
                .toList();
    }
}
