package com.controlpanel.provisioning.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's embedded event store that also says when this node has committed events, so that a processor reading the
 * store can look at once instead of at its next periodic look ({@link NudgedEventSource}). Events committed by other
 * nodes are found by those periodic looks only.
 */
final class CommitSignallingEventStore extends EmbeddedEventStore {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    CommitSignallingEventStore(Builder builder) {
        super(builder);
    }

    /** Runs {@code listener} on the committing thread after each commit of events; it must be quick and not throw. */
    void afterEachCommit(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Axon's unit of work has committed; when it ran inside a transaction of Spring's (a transaction around several
     * commands), the events are in the database only once that one commits.
     */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal();
                }
            });
        } else {
            signal();
        }
    }

    private void signal() {
        listeners.forEach(Runnable::run);
    }
}
