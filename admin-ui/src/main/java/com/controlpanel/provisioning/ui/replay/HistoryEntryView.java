package com.controlpanel.provisioning.ui.replay;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.controlpanel.provisioning.history.HistoryEntry;
import com.controlpanel.provisioning.ui.layout.ActorLabels;
import com.controlpanel.provisioning.ui.layout.Dates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;

/**
 * One event of a history as the Control Panel shows it: when, who, what in words, the event type and revision, and
 * the payload as readable JSON (in its current shape; a token hash is not shown, as in Activity).
 */
public record HistoryEntryView(
        long position,
        long sequenceNumber,
        String eventId,
        String type,
        String title,
        String storedRevision,
        String revision,
        String day,
        String time,
        String precise,
        String iso,
        String who,
        String whoKind,
        boolean okta,
        String actorId,
        String requestId,
        String client,
        String payload,
        String memberId) {

    private static final ObjectMapper JSON = EventJson.events();

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("OrganizationCreated", "Organization created"),
            Map.entry("OrganizationRenamed", "Organization renamed"),
            Map.entry("OrganizationAdminGranted", "Admin added"),
            Map.entry("OrganizationAdminRevoked", "Admin removed"),
            Map.entry("OrganizationAdminPasswordGiven", "Admin given a new password"),
            Map.entry("ProvisioningEnabled", "User provisioning switched on"),
            Map.entry("ProvisioningDisabled", "User provisioning switched off"),
            Map.entry("ProvisioningCredentialsIssued", "New Secret Token issued"),
            Map.entry("MemberTakenOver", "Taken over by Okta: managed in Okta from now on"),
            Map.entry("TeamTakenOver", "Taken over by Okta: managed in Okta from now on"),
            Map.entry("MemberProfileChanged", "Profile changed"),
            Map.entry("MemberDeactivated", "Deactivated"),
            Map.entry("MemberReactivated", "Reactivated"),
            Map.entry("MemberDeprovisioned", "Deleted over SCIM (deprovisioned)"),
            Map.entry("MemberRemoved", "Deleted by an admin"),
            Map.entry("TeamRenamed", "Renamed"),
            Map.entry("TeamExternalIdChanged", "External id changed"),
            Map.entry("MemberAddedToTeam", "Member added"),
            Map.entry("MemberRemovedFromTeam", "Member removed"),
            Map.entry("TeamDeleted", "Deleted; its members stay"));

    public static HistoryEntryView of(HistoryEntry entry) {
        Actor actor = entry.actor();
        return new HistoryEntryView(
                entry.position(),
                entry.sequenceNumber(),
                entry.eventId(),
                entry.type(),
                title(entry),
                entry.storedRevision(),
                entry.revision(),
                Dates.day(entry.occurredAt()),
                Dates.time(entry.occurredAt()),
                Dates.precise(entry.occurredAt()),
                Dates.iso(entry.occurredAt()),
                ActorLabels.who(actor.kind(), actor.name()),
                ActorLabels.kind(actor.kind()),
                actor.kind() == Actor.Kind.IDENTITY_PROVIDER,
                actor.id(),
                entry.requestId(),
                entry.client(),
                payload(entry),
                memberOfTeamEvent(entry.payload()));
    }

    /** The member a team's membership event is about (a team's history names them); null for any other event. */
    private static String memberOfTeamEvent(Object payload) {
        if (payload instanceof MemberAddedToTeam added) {
            return added.memberId().value();
        }
        if (payload instanceof MemberRemovedFromTeam removed) {
            return removed.memberId().value();
        }
        return null;
    }

    /** Whether the payload was stored in an older shape and read through an upcaster. */
    public boolean upcasted() {
        return !Objects.equals(storedRevision, revision);
    }

    private static String title(HistoryEntry entry) {
        if (entry.payload() instanceof MemberProvisioned provisioned) {
            return provisioned.source() == Source.OKTA ? "Provisioned by Okta" : "Invited in the Control Panel";
        }
        if (entry.payload() instanceof TeamProvisioned provisioned) {
            return provisioned.source() == Source.OKTA ? "Pushed from Okta" : "Created in the Control Panel";
        }
        return TITLES.getOrDefault(entry.type(), entry.type());
    }

    private static String payload(HistoryEntry entry) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entry.shownPayload());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return String.valueOf(entry.payload());
        }
    }
}
