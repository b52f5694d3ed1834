package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.domain.api.Moments;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilds as the node running them reports them (table {@code rebuild_job}): every node answers for a rebuild that
 * another one runs, and a finished rebuild's outcome and verification outlive a restart. A running rebuild reports at
 * least every few seconds; one whose report is older than {@link #SILENT} lost its node and is shown as failed. On the
 * embedded store, a start records the rebuilds its process left running as failed at once ({@link #failInterrupted}).
 */
public class RebuildJournal {

    /** How long a running rebuild may go without a report before it is taken for lost with its node. */
    static final Duration SILENT = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** Reads what a later version may have added to a report (a node not yet upgraded reads it too). */
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public RebuildJournal(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records where a rebuild stands now. */
    public void report(RebuildProgress progress) {
        String text = write(progress);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update(
                "UPDATE rebuild_job SET status = ?, reported_at = ?, progress = ? WHERE rebuild_id = ?",
                progress.status().name(),
                now,
                text,
                progress.id());
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO rebuild_job (rebuild_id, status, started_at, reported_at, progress) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    progress.id(),
                    progress.status().name(),
                    Timestamp.from(progress.startedAt()),
                    now,
                    text);
        }
    }

    /**
     * A rebuild as last reported; a running one whose node stopped reporting, as failed. (Not one merely followed by a
     * later rebuild: each node writes its own clock's times, and a node whose clock runs ahead would make a rebuild
     * that still runs look followed.)
     */
    public Optional<RebuildProgress> find(String id) {
        List<Reported> found = jdbc.query(
                "SELECT progress, reported_at FROM rebuild_job WHERE rebuild_id = ?",
                (rs, n) ->
                        new Reported(read(rs.getString(1)), rs.getTimestamp(2).toInstant()),
                id);
        return found.stream().findFirst().map(this::judged);
    }

    /**
     * Records every rebuild still reported running as failed: for a start on a store no other process can have open
     * (the embedded H2 file), where a rebuild reported running was this service's before it was stopped or killed.
     * Returns how many there were.
     */
    public int failInterrupted() {
        List<Reported> interrupted = jdbc.query(
                "SELECT progress, reported_at FROM rebuild_job WHERE status = 'RUNNING'",
                (rs, n) ->
                        new Reported(read(rs.getString(1)), rs.getTimestamp(2).toInstant()));
        for (Reported reported : interrupted) {
            RebuildProgress failed = failed(
                    reported.progress(),
                    reported.at(),
                    "The service stopped while this rebuild ran (it was stopped, or killed; its last report was at "
                            + Moments.text(reported.at()) + "): the rebuild did not complete. ");
            jdbc.update(
                    "UPDATE rebuild_job SET status = ?, progress = ? WHERE rebuild_id = ? AND status = 'RUNNING'",
                    failed.status().name(),
                    write(failed),
                    failed.id());
        }
        return interrupted.size();
    }

    /** The rebuild running now, on whichever node, if one reports. */
    public Optional<String> running() {
        Timestamp recent = Timestamp.from(clock.instant().minus(SILENT));
        return jdbc
                .query(
                        "SELECT rebuild_id FROM rebuild_job WHERE status = 'RUNNING' AND reported_at >= ? "
                                + "ORDER BY started_at DESC",
                        (rs, n) -> rs.getString(1),
                        recent)
                .stream()
                .findFirst();
    }

    private RebuildProgress judged(Reported reported) {
        RebuildProgress progress = reported.progress();
        if (progress.status() != RebuildProgress.Status.RUNNING
                || !reported.at().isBefore(clock.instant().minus(SILENT))) {
            return progress;
        }
        return failed(
                progress,
                reported.at(),
                "The node running this rebuild stopped reporting at " + Moments.text(reported.at())
                        + " (it stopped, or lost its database): the rebuild did not complete. ");
    }

    /** A running rebuild taken for failed: what it had done, why it is failed, and what to do. */
    private static RebuildProgress failed(RebuildProgress progress, Instant lastReport, String why) {
        return new RebuildProgress(
                progress.id(),
                RebuildProgress.Status.FAILED,
                "Failed",
                progress.eventsDone(),
                progress.eventsTotal(),
                progress.eventsPerSecond(),
                null,
                progress.startedAt(),
                lastReport,
                null,
                null,
                why
                        + (progress.switched()
                                ? "It had switched: the rebuilt read models are live, unverified."
                                : "It had not switched, as far as it reported: the read models are those from before"
                                        + " it.")
                        + " Start another rebuild to rebuild and verify them.",
                progress.phases(),
                progress.fresh(),
                progress.replaced());
    }

    private RebuildProgress read(String text) {
        try {
            return json.readValue(text, RebuildProgress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a rebuild's recorded progress", e);
        }
    }

    private record Reported(RebuildProgress progress, Instant at) {}

    private String write(RebuildProgress progress) {
        try {
            return json.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the progress of rebuild " + progress.id(), e);
        }
    }
}
