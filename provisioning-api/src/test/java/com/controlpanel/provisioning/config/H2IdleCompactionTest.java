package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.WastefulH2File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The embedded database's file compacted while the service runs, once no command has written for a while: the
 * database stays open throughout (as the pool holds it), and every row is kept.
 */
@ExtendWith(OutputCaptureExtension.class)
class H2IdleCompactionTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    /** The connection that keeps the database open, as the service's pool does. */
    private Connection open;

    @AfterEach
    void close() throws SQLException {
        if (open != null) {
            open.close();
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("provisioning") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private Path file() {
        return dir.resolve("provisioning.mv.db");
    }

    /** A wasteful file, opened (and held open) as the service holds it. */
    private long openWastefulFile() throws SQLException, java.io.IOException {
        WastefulH2File.write(url(), true);
        long size = Files.size(file());
        open = DriverManager.getConnection(url(), "sa", "");
        return size;
    }

    private H2IdleCompaction compaction(AtomicLong asked, Duration idleAfter) {
        return new H2IdleCompaction(url(), "sa", "", MB, idleAfter, asked::get, () -> false);
    }

    private int retention() throws SQLException {
        return H2GroupCommit.store(open).getRetentionTime();
    }

    private long rows() throws SQLException {
        try (Statement statement = open.createStatement();
                ResultSet count =
                        statement.executeQuery("SELECT COUNT(*), (SELECT name FROM kept WHERE id = 499) FROM kept")) {
            count.next();
            assertThat(count.getString(2)).isEqualTo("member 5999");
            return count.getLong(1);
        }
    }

    @Test
    void aWastefulFileIsCompactedWhileOpenAndItsRetentionPutBack() throws Exception {
        long before = openWastefulFile();
        int retention = retention();

        H2IdleCompaction.Outcome outcome =
                compaction(new AtomicLong(5), Duration.ofSeconds(1)).compact(5);

        assertThat(outcome).isEqualTo(H2IdleCompaction.Outcome.COMPACTED);
        assertThat(Files.size(file())).isLessThan(before / 2);
        assertThat(retention())
                .as("H2's compaction drops it to 0")
                .isEqualTo(retention)
                .isPositive();
        assertThat(rows()).isEqualTo(500);
        try (Statement statement = open.createStatement()) {
            statement.execute("INSERT INTO kept VALUES (500, 'written after')");
        }
        assertThat(rows()).isEqualTo(501);
    }

    @Test
    void aCommandAskingToWriteStopsItBeforeTheNextStep() throws Exception {
        openWastefulFile();
        int retention = retention();
        AtomicLong asked = new AtomicLong(5);
        AtomicInteger looks = new AtomicInteger();
        H2IdleCompaction compaction = new H2IdleCompaction(
                url(),
                "sa",
                "",
                MB,
                Duration.ofSeconds(1),
                // the first look finds no command; one asks during the first step
                () -> looks.getAndIncrement() == 0 ? 5 : 6,
                () -> false);

        assertThat(compaction.compact(5)).isEqualTo(H2IdleCompaction.Outcome.WRITES_RESUMED);

        assertThat(looks.get()).isEqualTo(2);
        assertThat(retention()).isEqualTo(retention);
        assertThat(rows()).isEqualTo(500);
    }

    @Test
    void aFileSmallOrMostlyInUseIsLeftAlone() throws Exception {
        long before = openWastefulFile();
        assertThat(new H2IdleCompaction(url(), "sa", "", before, Duration.ofSeconds(1), () -> 5, () -> false)
                        .compact(5))
                .isEqualTo(H2IdleCompaction.Outcome.NOT_NEEDED);
        assertThat(compaction(new AtomicLong(5), Duration.ofSeconds(1)).compact(5))
                .isEqualTo(H2IdleCompaction.Outcome.COMPACTED);

        assertThat(compaction(new AtomicLong(5), Duration.ofSeconds(1)).compact(5))
                .as("compacted, the file is mostly in use")
                .isEqualTo(H2IdleCompaction.Outcome.NOT_NEEDED);
    }

    @Test
    void itWaitsUntilNoCommandHasWrittenForTheTimeSetAndCompactsOnceUntilTheNextWrite(CapturedOutput output)
            throws Exception {
        long before = openWastefulFile();
        AtomicLong asked = new AtomicLong(1);
        H2IdleCompaction compaction = compaction(asked, Duration.ofMillis(300));

        compaction.tick();
        asked.incrementAndGet();
        Thread.sleep(400);
        compaction.tick();
        assertThat(Files.size(file())).as("a command wrote since the last look").isEqualTo(before);

        Thread.sleep(400);
        compaction.tick();
        assertThat(Files.size(file())).isLessThan(before / 2);

        Thread.sleep(400);
        compaction.tick();
        compaction.tick();
        assertThat(count(output.getOut(), "Compacted the embedded database's file"))
                .isEqualTo(1);
        assertThat(rows()).isEqualTo(500);
    }

    @Test
    void noStepIsTakenWhileARebuildRunsAndTheFileIsLookedAtAgainAfterOne() throws Exception {
        long before = openWastefulFile();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        H2IdleCompaction compaction =
                new H2IdleCompaction(url(), "sa", "", MB, Duration.ofMillis(300), () -> 5, rebuilding::get);

        compaction.tick();
        Thread.sleep(400);
        compaction.tick();
        assertThat(Files.size(file())).isEqualTo(before);

        rebuilding.set(false);
        compaction.tick();
        assertThat(Files.size(file()))
                .as("idle since the rebuild for less than the time set")
                .isEqualTo(before);
        Thread.sleep(400);
        compaction.tick();
        assertThat(Files.size(file())).isLessThan(before / 2);
    }

    @Test
    void aRebuildAfterACompactionHasTheFileLookedAtAgain(CapturedOutput output) throws Exception {
        openWastefulFile();
        AtomicBoolean rebuilding = new AtomicBoolean();
        H2IdleCompaction compaction =
                new H2IdleCompaction(url(), "sa", "", MB, Duration.ofMillis(300), () -> 5, rebuilding::get);
        compaction.tick();
        Thread.sleep(400);
        compaction.tick();
        assertThat(count(output.getOut(), "Compacted the embedded database's file"))
                .isEqualTo(1);

        // the rebuild leaves a wasteful file behind, no command having written
        WastefulH2File.write(url(), true);
        rebuilding.set(true);
        compaction.tick();
        rebuilding.set(false);
        compaction.tick();
        Thread.sleep(400);
        compaction.tick();

        assertThat(count(output.getOut(), "Compacted the embedded database's file"))
                .isEqualTo(2);
    }

    /**
     * A compaction that leaves the file still mostly unused is tried again after another quiet spell, at most three
     * times in one; a command writing starts the count again.
     */
    @Test
    void aCompactionThatLeftTheFileMostlyUnusedIsTriedAgainAfterAnotherQuietSpellThreeTimesAtMost() throws Exception {
        AtomicLong asked = new AtomicLong(1);
        AtomicInteger tries = new AtomicInteger();
        H2IdleCompaction compaction =
                new H2IdleCompaction(url(), "sa", "", MB, Duration.ofMillis(200), asked::get, () -> false) {
                    @Override
                    Outcome compact(long commandsAsked) {
                        tries.incrementAndGet();
                        return Outcome.PARTLY;
                    }
                };

        compaction.tick();
        for (int i = 0; i < 8; i++) {
            Thread.sleep(250);
            compaction.tick();
            compaction.tick();
        }
        assertThat(tries).hasValue(3);

        asked.incrementAndGet();
        compaction.tick();
        Thread.sleep(250);
        compaction.tick();
        assertThat(tries).hasValue(4);
    }

    private static int count(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
