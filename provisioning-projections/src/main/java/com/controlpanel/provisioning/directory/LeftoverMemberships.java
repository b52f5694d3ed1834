package com.controlpanel.provisioning.directory;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sweeps the live directory for memberships whose member is gone. A member deleted while another transaction adds
 * it to a team is settled once both have committed ({@link DirectoryStore#settleMembershipsOf}); that settlement runs
 * after the commit, so a node stopped in between, or a settlement that failed, leaves the membership behind (counted
 * in the team's member count and ETag, listed nowhere). The sweep finds and drops those, each counted off its team in
 * the same transaction. It stands aside while a rebuild runs: the rebuild writes the other slot and then switches.
 */
public class LeftoverMemberships {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverMemberships.class);

    private final DirectorySlots slots;
    private final TransactionTemplate transaction;
    private final BooleanSupplier rebuildRunning;

    public LeftoverMemberships(
            DirectorySlots slots, PlatformTransactionManager transactions, BooleanSupplier rebuildRunning) {
        this.slots = slots;
        this.transaction = new TransactionTemplate(transactions);
        this.rebuildRunning = rebuildRunning;
    }

    /** One sweep of the live slot; returns how many memberships it dropped (none while a rebuild runs). */
    public int sweep() {
        if (rebuildRunning.getAsBoolean()) {
            return 0;
        }
        JdbcDirectoryStore live = slots.liveStore();
        Integer dropped = transaction.execute(status -> live.settleLeftovers());
        if (dropped != null && dropped > 0) {
            LOG.warn(
                    "Dropped {} membership(s) of members deleted while being added to a team, left when their"
                            + " settlement did not run",
                    dropped);
        }
        return dropped == null ? 0 : dropped;
    }
}
