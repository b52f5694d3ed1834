package com.controlpanel.provisioning.rebuild;

/** A rebuild was asked for while another one runs. */
public class RebuildAlreadyRunningException extends RuntimeException {

    private final String runningId;

    public RebuildAlreadyRunningException(String runningId) {
        super("A rebuild is already running: " + runningId, null, false, false);
        this.runningId = runningId;
    }

    public String runningId() {
        return runningId;
    }
}
