package com.controlpanel.provisioning.slots;

import com.controlpanel.provisioning.storage.SharedDatabase;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of a read model's two table slots ({@code a}, {@code b}) is live. Queries and the live projection use the
 * live slot; a rebuild fills the other one and then switches (see {@code rebuild.RebuildService}).
 *
 * <p>On the embedded H2 file only this process uses the tables, so the live slot is remembered. On a database that
 * several nodes may share (PostgreSQL), another node's rebuild may switch it: a node uses what it read for at most
 * {@link #SHARED_STALENESS}, and a rebuild keeps the writes of every node held for longer than that after switching.
 * So the first write into the new slot happens after every node has read the switch; until then, a node still
 * reading the former slot reads the read model as it was before the rebuild, with every write up to the switch. Should
 * the rebuilding node stop during that hold (its lock then released at once), every command still waits, after taking
 * the shared write lock, until {@link #SWITCH_SETTLED} has passed since the switch ({@code switched_at}, see
 * {@code rebuild.ClusterLocks#enterWrite}).
 */
public final class ProjectionSlot {

    /** How long a node that shares its database with others uses the live slot it has read. */
    public static final Duration SHARED_STALENESS = Duration.ofSeconds(1);

    /** How long after a switch no node writes: the staleness, and a margin for the switch's own commit. */
    public static final Duration SWITCH_SETTLED = SHARED_STALENESS.plusMillis(500);

    private final JdbcTemplate jdbc;
    private final String projection;
    private final boolean sharedDatabase;
    private volatile Known known;

    /** A live slot as read, and until when (System.nanoTime) it may be used. */
    private record Known(String slot, long usableUntil) {}

    private final LongSupplier nanoTime;

    public ProjectionSlot(JdbcTemplate jdbc, String projection) {
        this(jdbc, projection, SharedDatabase.of(jdbc.getDataSource()), System::nanoTime);
    }

    /**
     * @param sharedDatabase whether other nodes may switch the slot
     * @param nanoTime the monotonic clock the reuse is measured with ({@link System#nanoTime()}; tests set their own)
     */
    ProjectionSlot(JdbcTemplate jdbc, String projection, boolean sharedDatabase, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.projection = projection;
        this.sharedDatabase = sharedDatabase;
        this.nanoTime = nanoTime;
    }

    public String live() {
        Known slot = known;
        if (slot != null && (!sharedDatabase || nanoTime.getAsLong() - slot.usableUntil() < 0)) {
            return slot.slot();
        }
        return read();
    }

    /** The slot a rebuild may empty and fill: read from the database, never from what was remembered. */
    public String standby() {
        return other(read());
    }

    private String read() {
        // counted from before the read: a switch committed after it began is seen by the next read in time
        long usableUntil = nanoTime.getAsLong() + SHARED_STALENESS.toNanos();
        String live = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = ?", String.class, projection);
        known = new Known(live, usableUntil);
        return live;
    }

    /** Makes the other slot live; the caller holds the write gate, so no write is in flight. */
    public void switchTo(String slot) {
        jdbc.update(
                "UPDATE projection_slot SET live_slot = ?, switched_at = CURRENT_TIMESTAMP WHERE projection = ?",
                slot,
                projection);
        known = new Known(slot, nanoTime.getAsLong() + SHARED_STALENESS.toNanos());
    }

    public static String other(String slot) {
        return slot.equals("a") ? "b" : "a";
    }
}
