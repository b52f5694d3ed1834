package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.directory.SearchText;
import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.storage.StorableInstants;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads Activity > Actions: pages by cursor, one row, and exports of a whole filtered timeline, streamed. */
@Component
public class ActivityQueries {

    /** The formats an export is written in. */
    public enum Format {
        CSV,
        JSON
    }

    static final List<String> CSV_COLUMNS = List.of(
            "position",
            "occurredAt",
            "actorKind",
            "actorId",
            "actorName",
            "action",
            "subjectType",
            "subjectId",
            "subjectName",
            "subjectSource",
            "relatedId",
            "summary",
            "details",
            "requestId",
            "client",
            "eventId");
    /** How many rows an export reads at a time (and how many it holds at most). */
    private static final int EXPORT_PAGE = 500;
    /** How many rows a streamed read asks of the database at a time. */
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final ActivitySlots slots;
    private final TransactionTemplate readOnly;
    private final int exportPage;

    @Autowired
    public ActivityQueries(JdbcTemplate jdbc, ActivitySlots slots, PlatformTransactionManager transactions) {
        this(jdbc, slots, transactions, EXPORT_PAGE);
    }

    /** With exports read {@code exportPage} rows at a time: a few rows make several pages in a test. */
    ActivityQueries(JdbcTemplate jdbc, ActivitySlots slots, PlatformTransactionManager transactions, int exportPage) {
        this.jdbc = jdbc;
        this.slots = slots;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.exportPage = exportPage;
    }

    @QueryHandler
    public ActivityPage find(FindActivityQuery query) {
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        args.add(query.limit() + 1);
        List<ActivityRow> rows = jdbc.query(
                "SELECT " + ActivityStore.COLUMNS + " FROM " + slots.live().activity() + where
                        + " ORDER BY organization_id DESC, position DESC LIMIT ?",
                ActivityStore::row,
                args.toArray());
        Long next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            next = rows.isEmpty() ? null : rows.get(rows.size() - 1).position();
        }
        return new ActivityPage(List.copyOf(rows), next);
    }

    /**
     * The cursor of the page just newer than a page whose newest row is at {@code above}, with the same filters: the
     * {@code before} that gives the query's {@code limit} rows above it, newest first. Empty when there are no more
     * than that many rows above it: the newer page is then the newest one (no cursor).
     */
    public Optional<Long> newerCursor(FindActivityQuery query, long above) {
        List<Object> args = new ArrayList<>();
        String where = where(query.withBefore(null), args);
        args.add(above);
        args.add(query.limit() + 1);
        List<Long> positions = jdbc.queryForList(
                "SELECT position FROM " + slots.live().activity() + where
                        + " AND position > ? ORDER BY organization_id, position LIMIT ?",
                Long.class,
                args.toArray());
        return positions.size() > query.limit() ? Optional.of(positions.get(query.limit())) : Optional.empty();
    }

    /**
     * Whether a row of the organization is at the position: every cursor a page gives is one (the position of its
     * oldest row, or of the row a newer page starts below), so a cursor that is none was not given.
     */
    public boolean hasRow(OrganizationId organizationId, long position) {
        return !jdbc.queryForList(
                        "SELECT position FROM " + slots.live().activity()
                                + " WHERE organization_id = ? AND position = ?",
                        Long.class,
                        organizationId.value(),
                        position)
                .isEmpty();
    }

    public Optional<ActivityRow> row(OrganizationId organizationId, long position) {
        return jdbc
                .query(
                        "SELECT " + ActivityStore.COLUMNS + " FROM "
                                + slots.live().activity() + " WHERE organization_id = ? AND position = ?",
                        ActivityStore::row,
                        organizationId.value(),
                        position)
                .stream()
                .findFirst();
    }

    /** Rows after a position, oldest first: what a live feed has not sent yet. */
    public List<ActivityRow> after(OrganizationId organizationId, long position, int limit) {
        return jdbc.query(
                "SELECT " + ActivityStore.COLUMNS + " FROM " + slots.live().activity()
                        + " WHERE organization_id = ? AND position > ? ORDER BY organization_id, position LIMIT ?",
                ActivityStore::row,
                organizationId.value(),
                position,
                limit);
    }

    /**
     * Members and teams that are gone, whose name when they went contains the text (any case, with or without
     * accents, as the directory's searches read names): their removal rows, newest first. What an auditor types to
     * find "who deleted Dan", when the directory no longer knows Dan. The names are compared here, not in SQL, which
     * has no common way to drop accents; the rows are read newest first until enough match.
     */
    public List<ActivityRow> removedSubjectsNamed(OrganizationId organizationId, String text, int limit) {
        String wanted = SearchText.folded(text.strip());
        String sql = "SELECT " + ActivityStore.COLUMNS + " FROM " + slots.live().activity()
                + " WHERE organization_id = ? AND action IN ('member.removed', 'member.deprovisioned', 'team.deleted')"
                + " ORDER BY position DESC";
        return readOnly.execute(status -> jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(FETCH_SIZE);
                    statement.setString(1, organizationId.value());
                    return statement;
                },
                rs -> {
                    List<ActivityRow> found = new ArrayList<>();
                    while (found.size() < limit && rs.next()) {
                        String name = rs.getString("subject_name");
                        if (name != null && SearchText.folded(name).contains(wanted)) {
                            found.add(ActivityStore.row(rs, 0));
                        }
                    }
                    return found;
                }));
    }

    /** A member or team found by a name it had before its current one: its id, its kind, that name. */
    public record FormerlyNamed(String subjectId, String subjectType, String formerName) {}

    /**
     * Members and teams one of whose former names (before a rename, an email change) contains the text, compared as
     * {@link #removedSubjectsNamed} compares: what an auditor types from an older export, or after rule 8 gave the name
     * to someone else. By former name, then id; at most {@code limit} subjects.
     */
    public List<FormerlyNamed> formerlyNamed(OrganizationId organizationId, String text, int limit) {
        String wanted = SearchText.folded(text.strip());
        ActivityTables tables = slots.live();
        return readOnly.execute(status -> {
            TreeMap<String, String[]> matching = new TreeMap<>();
            jdbc.query(
                    "SELECT subject_id, name FROM " + tables.former() + " WHERE organization_id = ?",
                    rs -> {
                        String name = rs.getString(2);
                        if (SearchText.folded(name).contains(wanted)) {
                            String id = rs.getString(1);
                            matching.put(name + '\0' + id, new String[] {id, name});
                        }
                    },
                    organizationId.value());
            List<FormerlyNamed> found = new ArrayList<>();
            Set<String> subjects = new HashSet<>();
            for (String[] match : matching.values()) {
                if (found.size() == limit) {
                    break;
                }
                if (!subjects.add(match[0])) {
                    continue;
                }
                List<String> type = jdbc.queryForList(
                        "SELECT subject_type FROM " + tables.activity()
                                + " WHERE organization_id = ? AND subject_id = ? ORDER BY position DESC LIMIT 1",
                        String.class,
                        organizationId.value(),
                        match[0]);
                if (!type.isEmpty() && ("MEMBER".equals(type.get(0)) || "TEAM".equals(type.get(0)))) {
                    found.add(new FormerlyNamed(match[0], type.get(0), match[1]));
                }
            }
            return found;
        });
    }

    /**
     * The newest row whose subject is this member or team (not a row that names it as the member added to or removed
     * from a team): how the timeline last named it, a deleted member too, whose removals from its teams come after.
     */
    public Optional<ActivityRow> lastAbout(OrganizationId organizationId, String subjectId) {
        String sql = "SELECT " + ActivityStore.COLUMNS + " FROM " + slots.live().activity()
                + " WHERE organization_id = ? AND subject_id = ? ORDER BY position DESC LIMIT 1";
        return readOnly.execute(status ->
                jdbc.query(sql, (rs, i) -> ActivityStore.row(rs, 0), organizationId.value(), subjectId).stream()
                        .findFirst());
    }

    public long lastPosition(OrganizationId organizationId) {
        Long last = jdbc.queryForObject(
                "SELECT MAX(position) FROM " + slots.live().activity() + " WHERE organization_id = ?",
                Long.class,
                organizationId.value());
        return last == null ? 0 : last;
    }

    /**
     * Writes every row the query matches (its limit ignored), newest first, as CSV (RFC 4180, with a header) or a
     * JSON array: read a page of rows at a time, each page after the last position written, with no database
     * connection held while the rows go to the client. A client that stops reading holds its own request only: when
     * a connection was held for the whole export, 16 exports never read took every connection of the pool, and the
     * node answered nothing else until they timed out. Memory does not grow with the number of rows. Each member and
     * team is given its source ({@code subjectSource}: OKTA or MANUAL, empty for the organization), read for a page
     * of rows at a time. A client that goes away ends it with the stream's own {@link IOException}, which the web layer
     * knows for a client gone (wrapped in an unchecked one, it was logged as a failure of the service).
     */
    public void export(FindActivityQuery query, Format format, SubjectSources sources, OutputStream out)
            throws IOException {
        RowWriter writer = format == Format.CSV ? new CsvWriter(out) : new JsonWriter(out);
        FindActivityQuery page = query;
        while (true) {
            List<Object> args = new ArrayList<>();
            String sql = "SELECT " + ActivityStore.COLUMNS + " FROM "
                    + slots.live().activity() + where(page, args)
                    + " ORDER BY organization_id DESC, position DESC LIMIT " + exportPage;
            List<ActivityRow> rows = jdbc.query(sql, ActivityStore::row, args.toArray());
            Map<String, Source> pageSources = sources.of(query.organizationId(), rows);
            for (ActivityRow row : rows) {
                writer.write(row, pageSources.get(row.subjectId()));
            }
            if (rows.size() < exportPage) {
                break;
            }
            page = page.withBefore(rows.get(rows.size() - 1).position());
        }
        writer.finish();
    }

    private static String where(FindActivityQuery query, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        args.add(query.organizationId().value());
        if (query.actorKind() != null) {
            where.append(" AND actor_kind = ?");
            args.add(query.actorKind().toUpperCase(Locale.ROOT));
        }
        if (query.actorId() != null) {
            where.append(" AND actor_id = ?");
            args.add(query.actorId());
        }
        if (!query.actions().isEmpty()) {
            // a category as the actions it holds: "action IN (…)" is read newest first along the position index,
            // where "action LIKE 'member.%'" read every row of the category to keep the newest (370 ms at 100,000
            // members, against 3 ms)
            List<String> actions = new ArrayList<>();
            for (String named : query.actions()) {
                String action = named.toLowerCase(Locale.ROOT);
                List<String> held = action.contains(".") ? List.of() : ActivityActions.actionsOf(action);
                actions.addAll(held.isEmpty() ? List.of(action) : held);
            }
            where.append(" AND action IN (")
                    .append(String.join(",", Collections.nCopies(actions.size(), "?")))
                    .append(")");
            args.addAll(actions);
        }
        if (query.subjectId() != null) {
            where.append(" AND (subject_id = ? OR related_id = ?)");
            args.add(query.subjectId());
            args.add(query.subjectId());
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= ?");
            args.add(StorableInstants.utc(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < ?");
            args.add(StorableInstants.utc(query.to()));
        }
        if (query.before() != null) {
            where.append(" AND position < ?");
            args.add(query.before());
        }
        return where.toString();
    }

    private interface RowWriter {
        void write(ActivityRow row, Source subjectSource) throws IOException;

        void finish() throws IOException;
    }

    /** RFC 4180: quoted where needed, quotes doubled, CRLF line ends; cells that a spreadsheet would run as a formula are defused. */
    private static final class CsvWriter implements RowWriter {
        private final Writer out;

        CsvWriter(OutputStream stream) throws IOException {
            this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            out.write(String.join(",", CSV_COLUMNS));
            out.write("\r\n");
        }

        @Override
        public void write(ActivityRow row, Source subjectSource) throws IOException {
            String[] cells = {
                Long.toString(row.position()),
                Moments.text(row.occurredAt()),
                row.actorKind(),
                row.actorId(),
                row.actorName(),
                row.action(),
                row.subjectType(),
                row.subjectId(),
                row.subjectName(),
                subjectSource == null ? null : subjectSource.name(),
                row.relatedId(),
                row.summary(),
                row.details(),
                row.requestId(),
                row.client(),
                row.eventId()
            };
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        }

        static String cell(String value) {
            if (value == null) {
                return "";
            }
            String text = value;
            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                text = "'" + text;
            }
            if (text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
            return text;
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }
    }

    private static final class JsonWriter implements RowWriter {
        private final JsonGenerator json;

        JsonWriter(OutputStream stream) throws IOException {
            this.json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8);
            json.writeStartArray();
        }

        @Override
        public void write(ActivityRow row, Source subjectSource) throws IOException {
            json.writeStartObject();
            json.writeNumberField("position", row.position());
            json.writeStringField("occurredAt", Moments.text(row.occurredAt()));
            json.writeStringField("actorKind", row.actorKind());
            json.writeStringField("actorId", row.actorId());
            json.writeStringField("actorName", row.actorName());
            json.writeStringField("action", row.action());
            json.writeStringField("subjectType", row.subjectType());
            json.writeStringField("subjectId", row.subjectId());
            json.writeStringField("subjectName", row.subjectName());
            json.writeStringField("subjectSource", subjectSource == null ? null : subjectSource.name());
            json.writeStringField("relatedId", row.relatedId());
            json.writeStringField("summary", row.summary());
            json.writeFieldName("details");
            json.writeRawValue(row.details());
            json.writeStringField("requestId", row.requestId());
            json.writeStringField("client", row.client());
            json.writeStringField("eventId", row.eventId());
            json.writeEndObject();
        }

        @Override
        public void finish() throws IOException {
            json.writeEndArray();
            json.flush();
        }
    }
}
