package com.controlpanel.provisioning.rebuild;

/** A rebuild was asked for while another one runs, on this node or on another one sharing the database. */
public class RebuildAlreadyRunningException extends RuntimeException {

    private final String runningId;

    public RebuildAlreadyRunningException(String runningId) {
        super("A rebuild is already running: " + runningId, null, false, false);
        this.runningId = runningId;
    }

    private RebuildAlreadyRunningException() {
        super("A rebuild is already running on another node", null, false, false);
        this.runningId = null;
    }

    public static RebuildAlreadyRunningException onAnotherNode() {
        return new RebuildAlreadyRunningException();
    }

    /** The running rebuild's id, if it runs on this node (its progress is followed there); null on another node. */
    public String runningId() {
        return runningId;
    }
}
