package com.controlpanel.provisioning.eventstore;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** Table and column names of the event store and the token store, as the Flyway migrations create them. */
public final class EventStoreSchema {

    public static final String EVENT_TABLE = "domain_event_entry";
    public static final String ORGANIZATION_COLUMN = "organization_id";

    private static final EventSchema EVENTS = EventSchema.builder()
            .eventTable(EVENT_TABLE)
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("aggregate_type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    private static final TokenSchema TOKENS = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("claimed_at")
            .setOwnerColumn("owner")
            .build();

    private EventStoreSchema() {}

    public static EventSchema events() {
        return EVENTS;
    }

    public static TokenSchema tokens() {
        return TOKENS;
    }
}
