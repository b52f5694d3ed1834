package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.time.Duration;
import java.util.List;

/** A read model that can be rebuilt from the event store into its standby slot, verified, and switched live. */
public interface ReadModelRebuild {

    String name();

    /** Empties the standby slot and starts a rebuild into it. */
    Session begin();

    /** One rebuild of one read model, driven by {@link RebuildService}. */
    interface Session {

        /** An event of the bulk phase, in store order; may be folded in memory and written by {@link #flush}. */
        void fold(StoredEvent event);

        /** Writes what the bulk phase folded into the standby slot, and indexes it. */
        void flush();

        /**
         * An event that came after the flush: applied to the standby slot at once. Called first while writes go on
         * (what came during the bulk phase), then with writes stopped (the last few).
         */
        void catchUp(StoredEvent event);

        /** Writes whatever is still held in memory. Called with writes stopped. */
        void finish();

        /**
         * Waits until the live read model has taken every event up to the head, at most {@code patience}. Called
         * first while writes go on (a backlog may take minutes), then with writes stopped.
         */
        default void awaitLive(long head, Duration patience) {}

        /** Each live table with its rebuilt counterpart; compared in a snapshot taken just before the switch. */
        List<TablePair> comparisons();

        /** Makes the standby slot live. Called with writes stopped. */
        void switchLive();
    }
}
