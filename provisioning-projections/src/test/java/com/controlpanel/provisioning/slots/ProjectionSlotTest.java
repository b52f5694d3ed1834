package com.controlpanel.provisioning.slots;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.TestDatabase;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long a node uses the live slot it read: for good when it is the only process, at most {@link
 * ProjectionSlot#SHARED_STALENESS} when other nodes may switch it; a rebuild's standby is never taken from memory.
 */
class ProjectionSlotTest {

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private ProjectionSlot node(boolean sharedDatabase) {
        return new ProjectionSlot(jdbc, "directory", sharedDatabase, now::get);
    }

    @Test
    void onASharedDatabaseANodeSeesAnotherNodesSwitchOnceItsReadIsASecondOld() {
        ProjectionSlot nodeA = node(true);
        ProjectionSlot nodeB = node(true);
        assertThat(nodeB.live()).isEqualTo("a");

        nodeA.switchTo("b");

        now.addAndGet(ProjectionSlot.SHARED_STALENESS.toNanos() - 1);
        assertThat(nodeB.live()).as("read less than a second ago").isEqualTo("a");
        assertThat(nodeB.standby())
                .as("a rebuild's standby: read again, never remembered")
                .isEqualTo("a");
        now.addAndGet(ProjectionSlot.SHARED_STALENESS.toNanos());
        assertThat(nodeB.live()).isEqualTo("b");
        assertThat(nodeA.live()).isEqualTo("b");
    }

    @Test
    void theOnlyProcessRemembersTheLiveSlotItSwitchedTo() {
        ProjectionSlot only = node(false);
        assertThat(only.live()).isEqualTo("a");

        jdbc.update("UPDATE projection_slot SET live_slot = 'b' WHERE projection = 'directory'");
        now.addAndGet(ProjectionSlot.SHARED_STALENESS.toNanos() * 10);

        assertThat(only.live()).as("no other process switches it").isEqualTo("a");
        only.switchTo("b");
        assertThat(only.live()).isEqualTo("b");
    }
}
