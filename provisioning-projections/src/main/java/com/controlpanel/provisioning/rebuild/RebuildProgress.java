package com.controlpanel.provisioning.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * Where a rebuild stands: events done of the total, rate and time left, how long each phase took so far, and at the
 * end the verification of every rebuilt table against the live one ({@code verified} is true when all are equal).
 */
public record RebuildProgress(
        String id,
        Status status,
        String phase,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        Long etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        Boolean verified,
        List<TableComparison> verification,
        String error,
        List<PhaseTime> phases,
        boolean fresh,
        List<String> replaced) {

    /**
     * A phase done, how long it took and the events it applied: {@code replay} (the events read and folded in
     * memory), {@code write} (the rebuilt tables written and indexed), {@code catch-up} (what came meanwhile),
     * {@code last-catch-up} and {@code snapshot-and-switch} (with writes held), {@code switch-settle} (on a database
     * shared by several nodes, writes held until every node has read the switch), {@code verify}.
     */
    public record PhaseTime(String name, long millis, long events) {}

    /** The phase after which the rebuilt read models are live. */
    public static final String SWITCH = "snapshot-and-switch";

    /** On a database shared by several nodes: the writes held after the switch until every node has read it. */
    public static final String SETTLE = "switch-settle";

    /** Whether it had switched to the rebuilt read models when it last reported. */
    public boolean switched() {
        return phases != null && phases.stream().anyMatch(phase -> SWITCH.equals(phase.name()));
    }

    /** The life of a rebuild. */
    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED
    }
}
