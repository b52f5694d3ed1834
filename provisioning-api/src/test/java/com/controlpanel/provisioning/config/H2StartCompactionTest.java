package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.WastefulH2File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The embedded database's file compacted at start when it is large and mostly not in use, and only then. */
@ExtendWith(OutputCaptureExtension.class)
class H2StartCompactionTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("provisioning") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private Path file() {
        return dir.resolve("provisioning.mv.db");
    }

    private String name(int id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                PreparedStatement statement = connection.prepareStatement("SELECT name FROM kept WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private long rows() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM kept")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Test
    void aLargeFileMostlyNotInUseIsCompactedAndKeepsEveryRow(CapturedOutput output) throws Exception {
        WastefulH2File.write(url(), true);
        long before = Files.size(file());
        assertThat(before).as("the file written to waste space").isGreaterThan(10 * MB);

        Optional<H2StartCompaction.Compacted> compacted = H2StartCompaction.compactIfWasteful(url(), "sa", "", MB);

        assertThat(compacted).isPresent();
        assertThat(compacted.get().before()).isEqualTo(before);
        assertThat(compacted.get().after()).isEqualTo(Files.size(file())).isLessThan(before / 4);
        assertThat(output.getOut()).contains("Compacted the embedded database's file " + file());
        assertThat(rows()).isEqualTo(500);
        assertThat(name(499)).isEqualTo("member 5999");
        assertThat(dir.resolve("provisioning.mv.db.tempFile")).doesNotExist();
    }

    @Test
    void aFileMostlyInUseIsLeftAsItIs(CapturedOutput output) throws Exception {
        WastefulH2File.write(url(), true);
        assertThat(H2StartCompaction.compactIfWasteful(url(), "sa", "", MB)).isPresent();

        Optional<H2StartCompaction.Compacted> again = H2StartCompaction.compactIfWasteful(url(), "sa", "", 0);

        assertThat(again).isEmpty();
        assertThat(output.getOut()).containsPattern("provisioning.mv.db \\(\\d+ MB\\) is \\d+ % in use: not compacted");
        assertThat(rows()).isEqualTo(500);
    }

    @Test
    void aFileNoLargerThanTheThresholdIsNotEvenOpened() throws Exception {
        WastefulH2File.write(url(), true);
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file(), written);
        long size = Files.size(file());

        assertThat(H2StartCompaction.compactIfWasteful(url(), "sa", "", size)).isEmpty();

        assertThat(Files.getLastModifiedTime(file())).isEqualTo(written);
        assertThat(Files.size(file())).isEqualTo(size);
    }

    @Test
    void aFileH2CanNotReadIsLeftAsItIsAndTheStartGoesOn(CapturedOutput output) throws Exception {
        byte[] garbage = new byte[(int) (2 * MB)];
        new Random(11).nextBytes(garbage);
        Files.write(file(), garbage);

        assertThat(H2StartCompaction.compactIfWasteful(url(), "sa", "", MB)).isEmpty();

        assertThat(Files.readAllBytes(file())).isEqualTo(garbage);
        assertThat(output.getOut())
                .contains("Could not compact the embedded database's file " + file()
                        + ": the start goes on with it as it was");
    }

    @Test
    void onlyAnH2FileDatabaseHasAFileToCompact() {
        assertThat(H2StartCompaction.file("jdbc:h2:file:/srv/data/provisioning;WRITE_DELAY=500"))
                .contains(Path.of("/srv/data/provisioning.mv.db"));
        assertThat(H2StartCompaction.file("jdbc:h2:mem:provisioning")).isEmpty();
        assertThat(H2StartCompaction.file("jdbc:postgresql://localhost:5432/provisioning"))
                .isEmpty();
        assertThat(H2StartCompaction.compactIfWasteful("jdbc:h2:mem:nothing", "sa", "", 0))
                .isEmpty();
    }

    /** What a start with this setting reports, refused. */
    private String refused(String setting) {
        FailureAnalysis analysis = StartAttempts.reported(StartAttempts.start(dir, setting));
        return analysis.getDescription();
    }

    /** Each was refused ("'' is not true or false"), where every other setting set empty counts as unset. */
    @Test
    void settingsSetEmptyAreTheirDefaults() {
        var environment = new org.springframework.mock.env.MockEnvironment()
                .withProperty("provisioning.h2.compact-at-start", "")
                .withProperty("provisioning.h2.compact-when-idle", " ")
                .withProperty("provisioning.h2.compact-above", "")
                .withProperty("provisioning.h2.compact-idle-after", "");

        assertThat(H2CompactionSettings.from(environment))
                .isEqualTo(new H2CompactionSettings(
                        true,
                        true,
                        H2CompactionSettings.DEFAULT_ABOVE.toBytes(),
                        H2CompactionSettings.DEFAULT_IDLE_AFTER));
    }

    @Test
    void settingsItCanNotUseStopTheStartNamingThem() {
        assertThat(refused("--provisioning.h2.compact-above=lots"))
                .contains("PROVISIONING_H2_COMPACT_ABOVE: 'lots' is not a size (256MB, 1GB, or bytes)");
        assertThat(refused("--provisioning.h2.compact-above=-1MB"))
                .contains("PROVISIONING_H2_COMPACT_ABOVE: must not be negative (a size such as 256MB)");
        assertThat(refused("--provisioning.h2.compact-at-start=sometimes"))
                .contains("PROVISIONING_H2_COMPACT_AT_START: 'sometimes' is not true or false");
        assertThat(refused("--provisioning.h2.compact-when-idle=maybe"))
                .contains("PROVISIONING_H2_COMPACT_WHEN_IDLE: 'maybe' is not true or false");
        // read as Spring reads the service's other switches
        assertThat(List.of("true", "YES", " on ", "1")).allMatch(H2CompactionSettings::truth);
        assertThat(List.of("false", "No", "off", "0")).noneMatch(H2CompactionSettings::truth);
        assertThat(refused("--provisioning.h2.compact-idle-after=soon"))
                .contains("PROVISIONING_H2_COMPACT_IDLE_AFTER: 'soon' is not a duration with its unit (60s, 5m)");
        // a bare number: milliseconds to Spring, refused as too short when seconds or minutes were meant
        assertThat(refused("--provisioning.h2.compact-idle-after=90"))
                .contains("PROVISIONING_H2_COMPACT_IDLE_AFTER: '90' is not a duration with its unit (60s, 5m)");
        assertThat(refused("--provisioning.h2.compact-idle-after=100ms"))
                .contains("PROVISIONING_H2_COMPACT_IDLE_AFTER: must be at least 1s");
    }
}
