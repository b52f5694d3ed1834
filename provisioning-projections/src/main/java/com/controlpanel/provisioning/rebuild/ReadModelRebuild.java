package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.time.Duration;
import java.util.List;

/** A read model that can be rebuilt from the event store into its standby slot, verified, and switched live. */
public interface ReadModelRebuild {

    String name();

    /** Empties the standby slot and starts a rebuild into it. */
    Session begin();

    /**
     * Starts folding the events in memory into the rows the live tables should hold, given to {@code expected}
     * instead of written: a rebuild compares them with the live tables first, and builds fresh tables only for a read
     * model whose live tables differ.
     */
    Check check(RowSink expected);

    /** One read model's rows folded from the events up to a head, for comparing with its live tables. */
    interface Check {

        /** An event up to the head, in store order. */
        void fold(StoredEvent event);

        /** Gives the sink whatever rows are still held in memory. */
        void finish();

        /** Waits until the live read model has taken every event up to the head, at most {@code patience}. */
        default void awaitLive(long head, Duration patience) {}

        /**
         * The live tables the rows are for, each with its key columns, and its standby counterpart (not compared: its
         * indexes tell those the live table should have).
         */
        List<TablePair> tables();
    }

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
