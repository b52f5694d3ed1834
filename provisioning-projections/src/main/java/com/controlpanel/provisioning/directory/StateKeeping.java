package com.controlpanel.provisioning.directory;

import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background rounds of keeping directory states for "as of an instant". A round is skipped while a rebuild runs:
 * the rebuild drops every kept state when it switches, and folding the history meanwhile would only take the
 * processors and the store from it (after a switch, the first round folds every organization's whole history again,
 * which on two cores doubled the time of the rebuild's verification).
 */
public final class StateKeeping implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StateKeeping.class);

    private final DirectoryCheckpoints checkpoints;
    private final BooleanSupplier rebuildRunning;

    /** @param rebuildRunning whether a rebuild of the read models runs on this node */
    public StateKeeping(DirectoryCheckpoints checkpoints, BooleanSupplier rebuildRunning) {
        this.checkpoints = checkpoints;
        this.rebuildRunning = rebuildRunning;
    }

    /** One round: how many states it kept, or empty when it was skipped because a rebuild runs. */
    public OptionalInt round() {
        if (rebuildRunning.getAsBoolean()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(checkpoints.keep());
    }

    /** One round; a failure is logged and the next round tries again. */
    @Override
    public void run() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("Keeping directory states failed; the next round tries again", e);
        }
    }
}
