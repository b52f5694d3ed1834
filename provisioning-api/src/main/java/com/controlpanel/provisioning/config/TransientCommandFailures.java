package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.domain.api.DomainException;
import com.controlpanel.provisioning.rebuild.WritesHeldException;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.common.AxonTransientException;

/**
 * Which failed commands the gateway sends again: those whose failure may have passed by then. The command's whole
 * transaction was rolled back (events, lookups, read model), so it is sent again as it was:
 *
 * <ul>
 *   <li>another node appended to the same aggregate at the same moment (Axon's {@link AxonTransientException}s);
 *   <li>the database did not grant a lock in time: on H2, its identity sequence writes to the catalogue every few
 *       events and waits at most 2 s (its own session's limit) for a catalogue lock held by a rebuild's index build;
 *       a row another transaction changed meanwhile; a deadlock or a serialization failure.
 * </ul>
 *
 * A refusal (a domain rule, a taken name, a version the client expected) is never sent again: it would be refused
 * again, each time after loading the aggregate anew. Nor is a command that waited as long as it may for another node's
 * rebuild to release the writes ({@link WritesHeldException}: its client is told to retry).
 */
final class TransientCommandFailures implements Predicate<Throwable> {

    /** H2: LOCK_TIMEOUT_1, CONCURRENT_UPDATE_1. */
    private static final Set<Integer> H2_TRANSIENT = Set.of(50200, 90131);
    /** Serialization failure or deadlock (H2 says 40001 for its deadlocks too). */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01");

    /** Whether the failure is one that may pass: the command is worth sending again. */
    @Override
    public boolean test(Throwable failure) {
        boolean transientCause = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DomainException || cause instanceof WritesHeldException) {
                // a refusal, or a wait for another node's rebuild that already lasted as long as it may
                return false;
            }
            if (cause instanceof SQLException sql
                    && (H2_TRANSIENT.contains(sql.getErrorCode()) || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            transientCause |= cause instanceof AxonTransientException;
        }
        return transientCause;
    }
}
