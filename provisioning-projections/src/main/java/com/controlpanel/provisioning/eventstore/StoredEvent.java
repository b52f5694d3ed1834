package com.controlpanel.provisioning.eventstore;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * An event read back from the event store, upcasted to its current revision: its position in the store, the
 * revision it was stored with, and the message (payload, metadata, time, aggregate and sequence).
 */
public record StoredEvent(long position, String storedRevision, DomainEventMessage<?> message) {

    public Object payload() {
        return message.getPayload();
    }

    public OrganizationEvent event() {
        return (OrganizationEvent) message.getPayload();
    }

    public boolean isOrganizationEvent() {
        return OrganizationEvent.class.isAssignableFrom(message.getPayloadType());
    }

    /** When it happened, to the millisecond the store keeps. */
    public Instant timestamp() {
        return message.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
    }

    public Actor actor() {
        return Actor.fromMetaData(message.getMetaData());
    }

    public String metaDataValue(String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
