package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the Activity processor is told to go on: once the database is back after it was seen away, and only then. */
class ActivityRecoveryTest {

    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean databaseAnswers = new AtomicBoolean(true);
    private final AtomicInteger resumed = new AtomicInteger();
    private final ActivityRecovery recovery =
            new ActivityRecovery(failing::get, databaseAnswers::get, resumed::incrementAndGet);

    @Test
    void aProcessorFailingWhileTheDatabaseWasAwayGoesOnOnceItIsBack() {
        recovery.run();
        failing.set(true);
        databaseAnswers.set(false);
        recovery.run();
        recovery.run();
        assertThat(resumed).as("while the database is away").hasValue(0);

        databaseAnswers.set(true);
        recovery.run();
        assertThat(resumed).hasValue(1);
        recovery.run();
        assertThat(resumed).as("once for each outage").hasValue(1);

        // it went on; a later outage is seen afresh
        failing.set(false);
        recovery.run();
        failing.set(true);
        databaseAnswers.set(false);
        recovery.run();
        databaseAnswers.set(true);
        recovery.run();
        assertThat(resumed).hasValue(2);
    }

    @Test
    void aProcessorFailingWhileTheDatabaseAnswersIsLeftToItsOwnWait() {
        failing.set(true);
        for (int i = 0; i < 5; i++) {
            recovery.run();
        }
        assertThat(resumed)
                .as("an event it can not store: retried on its own back-off")
                .hasValue(0);
    }

    @Test
    void anOutageThatEndedWhileTheProcessorWentOnLeavesNothingToDo() {
        failing.set(true);
        databaseAnswers.set(false);
        recovery.run();
        // the processor's own retry went through before the database was seen back
        failing.set(false);
        databaseAnswers.set(true);
        recovery.run();
        failing.set(true);
        recovery.run();
        assertThat(resumed)
                .as("a failure while the database answers, after the outage")
                .hasValue(0);
    }
}
