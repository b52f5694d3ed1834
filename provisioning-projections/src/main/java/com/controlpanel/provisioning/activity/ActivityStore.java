package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.storage.StorableInstants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/** Activity rows and subject names in one slot's tables, in the caller's transaction. */
final class ActivityStore implements SubjectNames {

    static final String COLUMNS = "position, event_id, organization_id, occurred_at, actor_kind, actor_id, actor_name, "
            + "request_id, client, action, subject_type, subject_id, subject_name, related_id, summary, details";
    static final String SUBJECT_COLUMNS = "subject_id, organization_id, name";
    static final String FORMER_COLUMNS = "subject_id, name, organization_id";
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final ActivityTables tables;

    /**
     * The subject whose name was read or written last, and that name: an event's row reads its subject's name, then
     * puts the name it has from then on, and the put needs the name it replaces (an instance serves one thread).
     */
    private String lastSubject;

    private Optional<String> lastName;

    ActivityStore(JdbcTemplate jdbc, ActivityTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    ActivityTables tables() {
        return tables;
    }

    void insert(ActivityRow row) {
        jdbc.update(insertSql(), values(row));
    }

    void insertAll(List<ActivityRow> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(
                    insertSql(),
                    rows.subList(from, Math.min(rows.size(), from + BATCH)).stream()
                            .map(ActivityStore::values)
                            .toList());
        }
    }

    private String insertSql() {
        return "INSERT INTO " + tables.activity() + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    }

    /**
     * The event's own place in the store. (A handler's tracking token is where the processor stands after the event,
     * which for an event that filled a gap is a later position.)
     */
    long positionOf(String eventId) {
        Long position = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
        if (position == null) {
            throw new IllegalStateException("Event " + eventId + " is not in the event store");
        }
        return position;
    }

    @Override
    public Optional<String> name(String subjectId) {
        if (subjectId.equals(lastSubject)) {
            return lastName;
        }
        Optional<String> name = jdbc
                .query(
                        "SELECT name FROM " + tables.subject() + " WHERE subject_id = ?",
                        (rs, n) -> rs.getString(1),
                        subjectId)
                .stream()
                .findFirst();
        lastSubject = subjectId;
        lastName = name;
        return name;
    }

    @Override
    public void put(String subjectId, String organizationId, String name) {
        Optional<String> previous = name(subjectId);
        if (previous.isEmpty()) {
            jdbc.update(
                    "INSERT INTO " + tables.subject() + " (subject_id, organization_id, name) VALUES (?,?,?)",
                    subjectId,
                    organizationId,
                    name);
        } else if (!previous.get().equals(name)) {
            jdbc.update("UPDATE " + tables.subject() + " SET name = ? WHERE subject_id = ?", name, subjectId);
            jdbc.update(
                    "INSERT INTO " + tables.former() + " (" + FORMER_COLUMNS + ") SELECT ?, ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM " + tables.former() + " WHERE subject_id = ? AND name = ?)",
                    subjectId,
                    previous.get(),
                    organizationId,
                    subjectId,
                    previous.get());
            // a name it has again is its name now, not a former one
            jdbc.update("DELETE FROM " + tables.former() + " WHERE subject_id = ? AND name = ?", subjectId, name);
        }
        lastSubject = subjectId;
        lastName = Optional.of(name);
    }

    /** Replaces every subject name with these (subject id → [organization id, name]). */
    void writeSubjects(Map<String, String[]> names) {
        lastSubject = null;
        jdbc.update("DELETE FROM " + tables.subject());
        subjectRows(
                names,
                rows -> jdbc.batchUpdate(
                        "INSERT INTO " + tables.subject() + " (" + SUBJECT_COLUMNS + ") VALUES (?,?,?)", rows));
    }

    /** Replaces every former name with these rows (as {@link SubjectNames.InMemory#formerNames()} gives them). */
    void writeFormerNames(List<Object[]> former) {
        jdbc.update("DELETE FROM " + tables.former());
        inBatches(
                former,
                rows -> jdbc.batchUpdate(
                        "INSERT INTO " + tables.former() + " (" + FORMER_COLUMNS + ") VALUES (?,?,?)", rows));
    }

    /** The subject table's rows of these names (subject id → [organization id, name]), in batches. */
    static void subjectRows(Map<String, String[]> names, Consumer<List<Object[]>> batch) {
        List<Object[]> rows = new ArrayList<>(Math.min(names.size(), BATCH));
        for (Map.Entry<String, String[]> name : names.entrySet()) {
            rows.add(new Object[] {name.getKey(), name.getValue()[0], name.getValue()[1]});
            if (rows.size() == BATCH) {
                batch.accept(rows);
                rows.clear();
            }
        }
        if (!rows.isEmpty()) {
            batch.accept(rows);
        }
    }

    /** Rows handed on {@link #BATCH} at a time. */
    static void inBatches(List<Object[]> rows, Consumer<List<Object[]>> batch) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            batch.accept(rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }

    void truncate() {
        lastSubject = null;
        jdbc.update("TRUNCATE TABLE " + tables.activity());
        jdbc.update("TRUNCATE TABLE " + tables.subject());
        jdbc.update("TRUNCATE TABLE " + tables.former());
    }

    static Object[] values(ActivityRow row) {
        return new Object[] {
            row.position(),
            row.eventId(),
            row.organizationId(),
            StorableInstants.utc(row.occurredAt()),
            row.actorKind(),
            row.actorId(),
            row.actorName(),
            row.requestId(),
            row.client(),
            row.action(),
            row.subjectType(),
            row.subjectId(),
            row.subjectName(),
            row.relatedId(),
            row.summary(),
            row.details()
        };
    }

    static ActivityRow row(ResultSet rs, int rowNum) throws SQLException {
        return new ActivityRow(
                rs.getLong("position"),
                rs.getString("event_id"),
                rs.getString("organization_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_kind"),
                rs.getString("actor_id"),
                rs.getString("actor_name"),
                rs.getString("request_id"),
                rs.getString("client"),
                rs.getString("action"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                rs.getString("subject_name"),
                rs.getString("related_id"),
                rs.getString("summary"),
                rs.getString("details"));
    }
}
