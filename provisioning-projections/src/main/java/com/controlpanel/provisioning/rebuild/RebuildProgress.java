package com.controlpanel.provisioning.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * Where a rebuild stands: events done of the total, rate and time left, and at the end the verification of every
 * rebuilt table against the live one ({@code verified} is true when all are equal).
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
        String error) {

    /** The life of a rebuild. */
    public enum Status {
        RUNNING,
        COMPLETED,
        FAILED
    }
}
