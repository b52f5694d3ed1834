package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.eventstore.EventJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which of the directory's two table slots is live; a rebuild switches it once the other slot is complete. */
@Component
public class DirectorySlots {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private volatile DirectoryTables live;

    public DirectorySlots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.json = EventJson.events();
    }

    DirectoryTables live() {
        DirectoryTables tables = live;
        if (tables == null) {
            String slot = jdbc.queryForObject(
                    "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
            tables = DirectoryTables.of(slot);
            live = tables;
        }
        return tables;
    }

    JdbcDirectoryStore liveStore() {
        return new JdbcDirectoryStore(jdbc, live(), json);
    }

    JdbcDirectoryStore store(DirectoryTables tables) {
        return new JdbcDirectoryStore(jdbc, tables, json);
    }

    /** Makes the given slot live; the caller holds the command gate, so no write is in flight. */
    void switchTo(DirectoryTables tables) {
        jdbc.update("UPDATE projection_slot SET live_slot = ? WHERE projection = 'directory'", tables.slot());
        live = tables;
    }

    ObjectMapper json() {
        return json;
    }
}
