package com.controlpanel.provisioning.rebuild;

/**
 * A command waited longer than it may for a rebuild on another node to release the writes (or a read, for a write in
 * flight it must see: {@link WritesInFlightException}): nothing was changed, and the client should retry in a moment.
 */
public class WritesHeldException extends RuntimeException {

    public WritesHeldException(Throwable cause) {
        this("Changes are held for a moment while the read models are switched after a rebuild: retry shortly", cause);
    }

    protected WritesHeldException(String message, Throwable cause) {
        super(message, cause);
    }
}
