package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.eventstore.EventJson;
import com.controlpanel.provisioning.slots.ProjectionSlot;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which of the directory's two table slots is live; a rebuild switches it once the other slot is complete. */
@Component
public class DirectorySlots {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionSlot slot;

    public DirectorySlots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.json = EventJson.events();
        this.slot = new ProjectionSlot(jdbc, "directory");
    }

    DirectoryTables live() {
        return DirectoryTables.of(slot.live());
    }

    DirectoryTables standby() {
        return DirectoryTables.of(slot.standby());
    }

    JdbcDirectoryStore liveStore() {
        return new JdbcDirectoryStore(jdbc, live(), json);
    }

    JdbcDirectoryStore store(DirectoryTables tables) {
        return new JdbcDirectoryStore(jdbc, tables, json);
    }

    /** Makes the given slot live; the caller holds the command gate, so no write is in flight. */
    void switchTo(DirectoryTables tables) {
        slot.switchTo(tables.slot());
    }

    ObjectMapper json() {
        return json;
    }
}
