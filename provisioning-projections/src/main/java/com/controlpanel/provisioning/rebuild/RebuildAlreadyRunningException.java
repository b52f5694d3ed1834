package com.controlpanel.provisioning.rebuild;

/** A rebuild was asked for while another one runs, on this node or on another one sharing the database. */
public class RebuildAlreadyRunningException extends RuntimeException {

    private final String runningId;
    private final boolean elsewhere;

    public RebuildAlreadyRunningException(String runningId) {
        this(runningId, false);
    }

    private RebuildAlreadyRunningException(String runningId, boolean elsewhere) {
        super(
                "A rebuild is already running" + (elsewhere ? " on another node" : "")
                        + (runningId == null ? "" : ": " + runningId),
                null,
                false,
                false);
        this.runningId = runningId;
        this.elsewhere = elsewhere;
    }

    /** @param runningId the id that node reports for it, or null if it has not reported one (yet) */
    public static RebuildAlreadyRunningException onAnotherNode(String runningId) {
        return new RebuildAlreadyRunningException(runningId, true);
    }

    /** The running rebuild's id (its progress can be followed on any node); null if its node has not reported it. */
    public String runningId() {
        return runningId;
    }

    public boolean elsewhere() {
        return elsewhere;
    }
}
