package com.controlpanel.provisioning.history;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.MemberEvent;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamEvent;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The event history of one aggregate, read from the event store (never from a read model). */
public class AuditHistory {

    private final EventStoreReader reader;

    public AuditHistory(EventStoreReader reader) {
        this.reader = reader;
    }

    /** Whose history is asked for. */
    public enum Kind {
        ORGANIZATION,
        MEMBER,
        TEAM
    }

    /**
     * Every event of the member, team or organization with this id, in order; empty when there is no such one in
     * this organization (another organization's aggregate is, for the asker, no aggregate at all).
     */
    public List<HistoryEntry> of(OrganizationId organizationId, Kind kind, String aggregateId) {
        List<StoredEvent> events = reader.aggregate(aggregateId);
        if (events.isEmpty()
                || !(events.get(0).payload() instanceof OrganizationEvent first)
                || !first.organizationId().equals(organizationId)
                || kindOf(first) != kind) {
            return List.of();
        }
        return events.stream().map(AuditHistory::entry).toList();
    }

    private static Kind kindOf(OrganizationEvent event) {
        if (event instanceof MemberEvent) {
            return Kind.MEMBER;
        }
        return event instanceof TeamEvent ? Kind.TEAM : Kind.ORGANIZATION;
    }

    private static HistoryEntry entry(StoredEvent event) {
        Object payload = event.payload();
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        return new HistoryEntry(
                event.position(),
                event.message().getSequenceNumber(),
                event.message().getIdentifier(),
                payload.getClass().getSimpleName(),
                event.storedRevision(),
                revision == null ? null : revision.value(),
                event.timestamp(),
                event.actor(),
                event.metaDataValue(Actor.REQUEST_ID),
                event.metaDataValue(Actor.CLIENT),
                payload);
    }
}
