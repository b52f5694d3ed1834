package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rebuild's time left is told while it replays events, and not after, when the events say nothing of it. */
class RebuildEtaTest {

    @Test
    void whileReplayingTheEventsLeftAtTheRateSoFar() {
        assertThat(RebuildService.eta(RebuildProgress.Status.RUNNING, RebuildService.REPLAYING, 1_000, 5_000, 500.0))
                .isEqualTo(8L);
    }

    @Test
    void noneOnceTheEventsAreReplayedOrTheRebuildEnded() {
        assertThat(RebuildService.eta(
                        RebuildProgress.Status.RUNNING, "Writing the rebuilt read models", 5_000, 5_000, 500.0))
                .as("was 0 s while writing and verifying took their time")
                .isNull();
        assertThat(RebuildService.eta(RebuildProgress.Status.RUNNING, "Verifying", 5_000, 5_000, 500.0))
                .isNull();
        assertThat(RebuildService.eta(RebuildProgress.Status.COMPLETED, "Done", 5_000, 5_000, 500.0))
                .isNull();
    }
}
