package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.controlpanel.provisioning.ProvisioningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** A start whose database can not be opened says which store and which settings to check, in a few lines. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartFailureTest {

    @TempDir
    Path temp;

    private static void start(String... arguments) {
        new SpringApplicationBuilder(ProvisioningApplication.class).run(arguments);
    }

    @Test
    void aDataDirectoryH2CanNotWriteNamesTheDirectoryAndTheSetting(CapturedOutput output) throws Exception {
        Path file = Files.createFile(temp.resolve("a-file"));
        Path dataDir = file.resolve("data");

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("PROVISIONING_DATA_DIR: the embedded H2 database can not be kept in " + dataDir + ": " + file
                        + " is a file, not a directory")
                .contains("Correct PROVISIONING_DATA_DIR")
                .doesNotContain("Application run failed")
                .as("said before H2 tried, which would print its own traces first")
                .doesNotContain("org.h2.message.DbException");
    }

    @Test
    void aDataDirectoryOrDatabaseFileThisUserMayNotWriteIsNamed() throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("data"));
        assertThat(DatabaseStartFailure.pathProblem(dataDir)).isNull();
        assertThat(DatabaseStartFailure.pathProblem(dataDir.resolve("not/yet"))).isNull();
        Path database = Files.createFile(dataDir.resolve("provisioning.mv.db"));
        String user = System.getProperty("user.name");
        // what this user may write, as the file system would answer for a user other than root
        assertThat(DatabaseStartFailure.pathProblem(dataDir, path -> !path.equals(database)))
                .isEqualTo("this user (" + user + ") may not write " + database);
        assertThat(DatabaseStartFailure.pathProblem(dataDir.resolve("new"), path -> !path.equals(dataDir)))
                .isEqualTo("this user (" + user + ") may not write " + dataDir);
        assertThat(DatabaseStartFailure.pathProblem(database.resolve("data")))
                .isEqualTo(database + " is a file, not a directory");
    }

    @Test
    void aDataDirectoryThatCanNotBeMadeNamesTheDirectoryAndTheSetting(CapturedOutput output) {
        // no user may make a directory here (not even root), whatever the modes of /proc say
        Path dataDir =
                Path.of("/proc/provisioning-test-" + ProcessHandle.current().pid(), "data");

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("PROVISIONING_DATA_DIR: the embedded H2 database can not be kept in " + dataDir + ": "
                        + dataDir.getParent() + " could not be made")
                .contains("Correct PROVISIONING_DATA_DIR")
                .doesNotContain("Application run failed")
                .as("said before H2 tried, which would print its own traces first")
                .doesNotContain("org.h2.message.DbException");
    }

    /** It was taken for a first start: a new first admin, organization and password, in place of what was stored. */
    @Test
    void anEmptyDatabaseFileIsRefusedAsDamagedWithTheAdviceToRestoreABackup(CapturedOutput output) throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("data"));
        Path database = Files.createFile(dataDir.resolve("provisioning.mv.db"));

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The embedded H2 database in " + dataDir + " could not be opened: its file " + database
                        + " is empty (0 bytes)")
                .contains("The database file " + database + " is damaged")
                .contains("restore the newest backup into " + dataDir)
                .doesNotContain("Application run failed")
                .doesNotContain("Check PROVISIONING_DATA_DIR");
        assertThat(database).isEmptyFile();
    }

    /**
     * H2 opens a file cut short past its header as a new, empty database: the start made a new first admin,
     * organization and password in it, as if nothing had been stored. Such a file is made here as H2 leaves it once
     * opened: a database holding no table.
     */
    @Test
    void aStoredDatabaseFileHoldingNoSchemaIsRefusedAsDamagedAndNothingIsMigratedIntoIt(CapturedOutput output)
            throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("data"));
        Path database = dataDir.resolve("provisioning.mv.db");
        java.sql.DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("provisioning"), "sa", "")
                .close();
        assertThat(Files.size(database)).isPositive();

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The embedded H2 database in " + dataDir + " could not be opened: its file " + database
                        + " holds no schema of this service: H2 opened it as a new, empty database")
                .contains("The database file " + database + " is damaged")
                .contains("restore the newest backup into " + dataDir)
                .contains("If the service never finished a first start in " + dataDir
                        + ", nothing was stored: move the file away and start again.")
                .doesNotContain("Log in as")
                .doesNotContain("Application run failed");
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + dataDir.resolve("provisioning"), "sa", "");
                var tables = connection
                        .createStatement()
                        .executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("tables made in it").isZero();
        }
    }

    /** It was made with the umask's modes (755): any user of the machine could read the database in it. */
    @Test
    void aDataDirectoryTheStartMakesIsReadableByItsUserOnly() throws Exception {
        Path dataDir = temp.resolve("made/by/the/start");
        MockEnvironment environment = new MockEnvironment().withProperty("provisioning.data-dir", dataDir.toString());

        new DataDirectoryEnvironment().postProcessEnvironment(environment, null);

        for (Path made : List.of(dataDir, dataDir.getParent(), temp.resolve("made"))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
                    .as(made.toString())
                    .isEqualTo("rwx------");
        }
        assertThat(environment.getProperty(DataDirectoryEnvironment.NEW_FILE))
                .isEqualTo(dataDir.resolve("provisioning.mv.db").toString());
    }

    /** The advice was that the directory must be writable and used by no other running copy. */
    @Test
    void aDatabaseFileH2FindsCorruptedOrCutShortIsReportedAsDamagedWithTheAdviceToRestoreABackup() throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("data"));
        Path database = dataDir.resolve("provisioning.mv.db");
        MockEnvironment environment = new MockEnvironment().withProperty("provisioning.data-dir", dataDir.toString());
        new DataDirectoryEnvironment().postProcessEnvironment(environment, null);
        String url = environment.getProperty("spring.datasource.url");

        SQLException corrupted = DbException.getJdbcSQLException(ErrorCode.FILE_CORRUPTED_1, null, database.toString());
        // shorter than H2's header, as a copy stopped early leaves it
        Files.write(database, new byte[100]);
        SQLException cutShort = catchThrowableOfType(
                () -> java.sql.DriverManager.getConnection(url, "sa", "").close(), SQLException.class);
        assertThat(cutShort.getErrorCode()).isEqualTo(ErrorCode.IO_EXCEPTION_1);

        for (SQLException damaged : List.of(corrupted, cutShort)) {
            FailureAnalysis analysis = new DatabaseStartFailure(environment)
                    .analyze(new IllegalStateException("Failed to initialize the pool", damaged));

            assertThat(analysis.getDescription())
                    .as(damaged.getMessage())
                    .startsWith("The embedded H2 database in " + dataDir + " could not be opened: its file " + database
                            + " is damaged (");
            assertThat(analysis.getAction())
                    .startsWith("The database file " + database + " is damaged.")
                    .contains("restore the newest backup into " + dataDir)
                    .doesNotContain("PROVISIONING_DATA_DIR")
                    .doesNotContain("other running copy");
        }
        SQLException locked =
                DbException.getJdbcSQLException(ErrorCode.DATABASE_ALREADY_OPEN_1, null, database.toString());
        assertThat(new DatabaseStartFailure(environment).analyze(locked).getAction())
                .as("a file another copy holds is no damaged one")
                .contains("no other running copy of the service may use it");
    }

    @Test
    void aPostgreSqlServerOutOfReachNamesTheUrlAndTheSettings(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "--server.port=0",
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/provisioning?password=secret1",
                        "--spring.datasource.username=someone"))
                .isNotNull();

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The database at jdbc:postgresql://127.0.0.1:1/provisioning?password=*** could not be"
                        + " opened as user someone: Connection to 127.0.0.1:1 refused")
                .contains("Check PROVISIONING_DB_URL")
                .doesNotContain("secret1")
                .doesNotContain("Application run failed")
                .as("the framework's nested failures, said before the report")
                .doesNotContain("Error starting Tomcat context")
                .doesNotContain("SQL State")
                .doesNotContain("Exception encountered during context initialization");
    }

    @Test
    void aUserNamedInTheUrlIsTheOneNamedAsTheDriverTakesItOverTheUserSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "--server.port=0",
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/provisioning?ssl=false&user=alice%40corp",
                        "--spring.datasource.username=someone"))
                .isNotNull();

        assertThat(output.getAll())
                .contains("could not be opened as user alice@corp: Connection to 127.0.0.1:1 refused")
                .doesNotContain("as user someone");
    }

    @Test
    void aStatementFailingInADatabaseThatOpenedIsNotBlamedOnTheSettings(CapturedOutput output) throws Exception {
        // a data directory whose database opens, but whose schema history says a migration failed
        Path dataDir = temp.resolve("half-migrated");
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + dataDir.resolve("provisioning"), "sa", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE \"flyway_schema_history\" (x INT)");
        }

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll()).doesNotContain("could not be opened").doesNotContain("Check PROVISIONING_DATA_DIR");
    }

    /** A data directory this version migrated, whose schema history then records one more migration. */
    private Path migratedWithOneMore(String name, String version) throws Exception {
        Path dataDir = temp.resolve(name);
        new SpringApplicationBuilder(ProvisioningApplication.class)
                .run("--server.port=0", "--provisioning.data-dir=" + dataDir)
                .close();
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:h2:file:" + dataDir.resolve("provisioning"), "sa", "");
                var statement = connection.prepareStatement("INSERT INTO \"flyway_schema_history\""
                        + " (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\","
                        + " \"installed_by\", \"installed_on\", \"execution_time\", \"success\")"
                        + " VALUES (99, ?, 'one more', 'SQL', ?, 0, 'SA', CURRENT_TIMESTAMP, 1, TRUE)")) {
            statement.setString(1, version);
            statement.setString(2, "V" + version.replace('.', '_') + "__one_more.sql");
            statement.executeUpdate();
        }
        return dataDir;
    }

    @Test
    void aDatabaseANewerVersionMigratedIsRefusedSayingSo(CapturedOutput output) throws Exception {
        // a later version's migration, as that version would have recorded it
        Path dataDir = migratedWithOneMore("upgraded", "99");

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The database was migrated by a later version of the service: its schema has migration"
                        + " 99, which this version does not have")
                .contains("restore the backup taken before the upgrade")
                .doesNotContain("Application run failed");
    }

    @Test
    void aMigrationMissingBelowTheNewestIsNotBlamedOnALaterVersion(CapturedOutput output) throws Exception {
        Path dataDir = migratedWithOneMore("edited", "5.5");

        assertThatThrownBy(() -> start("--server.port=0", "--provisioning.data-dir=" + dataDir))
                .isNotNull();

        assertThat(output.getAll())
                .contains("The database's schema history has migration 5.5, which this version does not have and"
                        + " which no later version adds")
                .doesNotContain("migrated by a later version");
    }

    @Test
    void aUrlThatIsNoJdbcUrlSaysSo(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "--server.port=0",
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=postgres://someone:secret2@127.0.0.1:5432/provisioning"))
                .isNotNull();

        // the password written before the host is not printed either
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The database at postgres://someone:***@127.0.0.1:5432/provisioning could not be opened")
                .contains("Check PROVISIONING_DB_URL (a JDBC URL such as")
                .doesNotContain("secret2")
                .doesNotContain("Application run failed");
    }
}
