package com.controlpanel.provisioning.slots;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of a read model's two table slots ({@code a}, {@code b}) is live. Queries and the live projection use the
 * live slot; a rebuild fills the other one and then switches (see {@code rebuild.RebuildService}).
 */
public final class ProjectionSlot {

    private final JdbcTemplate jdbc;
    private final String projection;
    private volatile String live;

    public ProjectionSlot(JdbcTemplate jdbc, String projection) {
        this.jdbc = jdbc;
        this.projection = projection;
    }

    public String live() {
        String slot = live;
        if (slot == null) {
            slot = jdbc.queryForObject(
                    "SELECT live_slot FROM projection_slot WHERE projection = ?", String.class, projection);
            live = slot;
        }
        return slot;
    }

    public String standby() {
        return other(live());
    }

    /** Makes the other slot live; the caller holds the write gate, so no write is in flight. */
    public void switchTo(String slot) {
        jdbc.update("UPDATE projection_slot SET live_slot = ? WHERE projection = ?", slot, projection);
        live = slot;
    }

    public static String other(String slot) {
        return slot.equals("a") ? "b" : "a";
    }
}
