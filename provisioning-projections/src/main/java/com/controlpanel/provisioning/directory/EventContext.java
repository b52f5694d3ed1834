package com.controlpanel.provisioning.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When an event happened and its place in its aggregate's stream. Times are kept to the millisecond, as the event
 * store keeps them, so a read model built live and one rebuilt from the store are equal.
 */
public record EventContext(Instant timestamp, long sequenceNumber) {

    public EventContext {
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
