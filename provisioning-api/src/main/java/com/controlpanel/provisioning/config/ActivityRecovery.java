package com.controlpanel.provisioning.config;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the Activity > Actions processor out of its wait as soon as the database is back after an outage. Each time
 * the processor fails to reach the store, Axon's coordinator waits twice as long before it tries again, and each time
 * it fails to store an event it holds its segment back twice as long, up to a minute either way (fixed in the pooled
 * processor's coordinator); after a long outage the timelines would stand still for that long, although the database
 * answers again. Run every few seconds: while the processor is failing, it looks at the
 * database, and once it has seen the database out of reach and then back, it has the processor claim its segment
 * again, which starts it at once.
 *
 * <p>A processor that fails while the database answers (an event it can not store) is left to its own back-off: it
 * retries that event, and nothing here would make the retry succeed sooner.
 */
final class ActivityRecovery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ActivityRecovery.class);

    private final BooleanSupplier failing;
    private final BooleanSupplier databaseAnswers;
    private final Runnable resume;

    /** Only ever read and written on the one thread that runs this. */
    private boolean sawDatabaseAway;

    /**
     * @param failing whether the processor is failing and waits before it tries again
     * @param databaseAnswers whether a connection to the database can be had and answers
     * @param resume has the processor try again now
     */
    ActivityRecovery(BooleanSupplier failing, BooleanSupplier databaseAnswers, Runnable resume) {
        this.failing = failing;
        this.databaseAnswers = databaseAnswers;
        this.resume = resume;
    }

    @Override
    public void run() {
        if (!failing.getAsBoolean()) {
            sawDatabaseAway = false;
        } else if (!databaseAnswers.getAsBoolean()) {
            sawDatabaseAway = true;
        } else if (sawDatabaseAway) {
            sawDatabaseAway = false;
            log.info("The database answers again: Activity > Actions goes on now, not after its wait");
            resume.run();
        }
    }
}
