package com.controlpanel.provisioning.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The live feed against the real schema: what a listener receives, and from when. */
class ActivityFeedTest {

    private static final OrganizationId ORG = new OrganizationId("org-1");

    private final DataSource dataSource = TestDatabase.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final ActivitySlots slots = new ActivitySlots(jdbc);
    private final ActivityStore store = slots.liveStore();
    private final ActivityFeed feed =
            new ActivityFeed(new ActivityQueries(jdbc, slots, new DataSourceTransactionManager(dataSource)));

    @AfterEach
    void stop() throws InterruptedException {
        feed.destroy();
    }

    private static ActivityRow row(long position) {
        return new ActivityRow(
                position,
                "event-" + position,
                ORG.value(),
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(position),
                "ADMIN",
                "admin-1",
                "admin@example.com",
                "req-" + position,
                "test",
                "team.created",
                "TEAM",
                "team-" + position,
                "Team " + position,
                null,
                "Created team " + position,
                "{}");
    }

    @Test
    void theStopLetsAPollUnderWayEndWithoutInterruptingIt() throws Exception {
        CountDownLatch delivering = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean delivered = new AtomicBoolean();
        feed.subscribe(ORG, row -> {
            delivering.countDown();
            try {
                Thread.sleep(500); // a slow listener, or a slow read, while the service stops
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            delivered.set(true);
        });
        store.insert(row(1));
        assertThat(delivering.await(5, TimeUnit.SECONDS)).isTrue();

        feed.destroy();

        assertThat(delivered).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void aListenerAfterATimeWithNoneGetsWhatIsStoredFromThenNotWhatWasStoredMeanwhile() throws Exception {
        store.insert(row(1));
        feed.subscribe(ORG, row -> {}).close();
        // stored while nobody listens: no news to whoever opens the timeline afterwards (it lists them already)
        store.insert(row(2));
        store.insert(row(3));
        Thread.sleep(1_500);

        List<Long> seen = new CopyOnWriteArrayList<>();
        try (ActivityFeed.Subscription subscription = feed.subscribe(ORG, row -> seen.add(row.position()))) {
            store.insert(row(4));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!seen.contains(4L) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1_200);
        }
        assertThat(seen).containsExactly(4L);
    }
}
