package com.controlpanel.provisioning.rebuild;

/**
 * A read of an instant (the state as of it) waited longer than it may for a write of its organization that may
 * store an event of that instant: nothing was read, and the client should ask again in a moment.
 */
public class WritesInFlightException extends WritesHeldException {

    public WritesInFlightException(Throwable cause) {
        super(
                "A change of the organization begun before that instant is still being saved: ask again in a moment",
                cause);
    }
}
