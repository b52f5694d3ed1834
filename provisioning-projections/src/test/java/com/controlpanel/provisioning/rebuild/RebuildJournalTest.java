package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.testing.SettableClock;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every node reads of a rebuild from its journal: progress, outcome with verification, and a lost one. */
class RebuildJournalTest {

    private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final SettableClock now = new SettableClock(START);
    private final RebuildJournal journal = new RebuildJournal(jdbc, now);

    private static RebuildProgress running(String id, long done) {
        return running(id, done, START);
    }

    private static RebuildProgress running(String id, long done, Instant startedAt) {
        return new RebuildProgress(
                id,
                RebuildProgress.Status.RUNNING,
                "Replaying events",
                done,
                1000,
                250.0,
                4L,
                startedAt,
                null,
                null,
                null,
                null,
                List.of(new RebuildProgress.PhaseTime("replay", 1200, 900)),
                false,
                null);
    }

    @Test
    void theLastReportIsWhatEveryNodeReadsUntilTheOutcomeWithItsVerification() {
        journal.report(running("r1", 100));
        now.set(START.plusSeconds(1));
        journal.report(running("r1", 350));

        assertThat(journal.find("r1").orElseThrow().eventsDone()).isEqualTo(350);
        assertThat(journal.running()).contains("r1");

        TableComparison members = new TableComparison("directory", "dir_member", 3, 3, "ab", "ab", true, List.of());
        TableComparison activity = new TableComparison(
                "activity", "activity", 7, 6, "cd", "ef", false, List.of("position=7: only in the live read model"));
        RebuildProgress done = new RebuildProgress(
                "r1",
                RebuildProgress.Status.COMPLETED,
                "Done",
                1000,
                1000,
                400.0,
                null,
                START,
                START.plusSeconds(3),
                false,
                List.of(members, activity),
                null,
                List.of(
                        new RebuildProgress.PhaseTime("replay", 1200, 900),
                        new RebuildProgress.PhaseTime("write", 900, 0),
                        new RebuildProgress.PhaseTime("verify", 400, 0)),
                false,
                List.of("directory", "activity"));
        now.set(START.plusSeconds(3));
        journal.report(done);

        assertThat(journal.find("r1")).contains(done);
        assertThat(journal.running()).isEmpty();
        assertThat(journal.find("unknown")).isEmpty();
    }

    @Test
    void aRunningRebuildWhoseNodeStoppedReportingIsShownFailedAndNoLongerRunning() {
        journal.report(running("r2", 100));
        now.set(START.plus(RebuildJournal.SILENT).minusSeconds(1));
        assertThat(journal.find("r2").orElseThrow().status()).isEqualTo(RebuildProgress.Status.RUNNING);
        assertThat(journal.running()).contains("r2");

        now.set(START.plus(RebuildJournal.SILENT).plus(Duration.ofSeconds(1)));
        RebuildProgress lost = journal.find("r2").orElseThrow();

        assertThat(lost.status()).isEqualTo(RebuildProgress.Status.FAILED);
        // its last report's moment with the milliseconds every moment of an answer has
        assertThat(lost.error())
                .contains("stopped reporting at " + com.controlpanel.provisioning.domain.api.Moments.text(START) + " ");
        assertThat(lost.finishedAt()).isEqualTo(START);
        assertThat(lost.eventsDone()).isEqualTo(100);
        assertThat(lost.phases())
                .as("the phases it finished")
                .containsExactly(new RebuildProgress.PhaseTime("replay", 1200, 900));
        assertThat(lost.switched()).isFalse();
        assertThat(lost.error()).contains("It had not switched");
        assertThat(journal.running()).isEmpty();
    }

    @Test
    void aStartOnTheEmbeddedStoreRecordsTheRebuildsItsProcessLeftRunningAsFailed() {
        journal.report(running("r8", 400));
        now.set(START.plusSeconds(1));

        assertThat(journal.failInterrupted()).isEqualTo(1);

        RebuildProgress interrupted = journal.find("r8").orElseThrow();
        assertThat(interrupted.status()).isEqualTo(RebuildProgress.Status.FAILED);
        assertThat(interrupted.error())
                .startsWith("The service stopped while this rebuild ran")
                // its moment with its milliseconds, as every moment the service answers with
                .contains("its last report was at " + Moments.text(START) + ")")
                .contains("It had not switched");
        assertThat(interrupted.eventsDone()).isEqualTo(400);
        assertThat(interrupted.finishedAt()).isEqualTo(START);
        assertThat(journal.running()).isEmpty();
        assertThat(journal.failInterrupted()).as("nothing left running").isZero();
    }

    @Test
    void aReportWrittenByAnotherVersionIsReadWithWhatThisOneKnows() {
        // a version before phases were reported, and a later one that reports something this one does not know
        jdbc.update(
                "INSERT INTO rebuild_job (rebuild_id, status, started_at, reported_at, progress) VALUES (?, ?, ?, ?, ?)",
                "older",
                "COMPLETED",
                java.sql.Timestamp.from(START),
                java.sql.Timestamp.from(START),
                "{\"id\":\"older\",\"status\":\"COMPLETED\",\"phase\":\"Done\",\"eventsDone\":10,\"eventsTotal\":10,"
                        + "\"eventsPerSecond\":5.0,\"startedAt\":\"2026-05-04T10:00:00Z\",\"verified\":true,\"verification\":[]}");
        jdbc.update(
                "INSERT INTO rebuild_job (rebuild_id, status, started_at, reported_at, progress) VALUES (?, ?, ?, ?, ?)",
                "newer",
                "COMPLETED",
                java.sql.Timestamp.from(START),
                java.sql.Timestamp.from(START),
                "{\"id\":\"newer\",\"status\":\"COMPLETED\",\"phase\":\"Done\",\"eventsDone\":10,\"eventsTotal\":10,"
                        + "\"eventsPerSecond\":5.0,\"startedAt\":\"2026-05-04T10:00:00Z\",\"verified\":true,\"verification\":[],"
                        + "\"phases\":[{\"name\":\"replay\",\"millis\":2,\"events\":10,\"heap\":7}],\"node\":\"n2\"}");

        RebuildProgress older = journal.find("older").orElseThrow();
        RebuildProgress newer = journal.find("newer").orElseThrow();

        assertThat(older.verified()).isTrue();
        assertThat(older.phases()).isNull();
        assertThat(older.switched()).isFalse();
        assertThat(newer.eventsDone()).isEqualTo(10);
        assertThat(newer.phases()).containsExactly(new RebuildProgress.PhaseTime("replay", 2, 10));
    }

    @Test
    void aRebuildWhoseNodeStoppedReportingAfterTheSwitchIsSaidToHaveSwitched() {
        journal.report(new RebuildProgress(
                "r3",
                RebuildProgress.Status.RUNNING,
                "Verifying",
                1000,
                1000,
                250.0,
                null,
                START,
                null,
                null,
                null,
                null,
                List.of(
                        new RebuildProgress.PhaseTime("replay", 1200, 1000),
                        new RebuildProgress.PhaseTime(RebuildProgress.SWITCH, 30, 0)),
                true,
                List.of("directory", "activity")));
        now.set(START.plus(RebuildJournal.SILENT).plus(Duration.ofSeconds(1)));

        RebuildProgress lost = journal.find("r3").orElseThrow();

        assertThat(lost.status()).isEqualTo(RebuildProgress.Status.FAILED);
        assertThat(lost.switched()).isTrue();
        assertThat(lost.error()).contains("It had switched: the rebuilt read models are live, unverified.");
    }
}
