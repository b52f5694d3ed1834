package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.TransientDataAccessResourceException;

/** The group commit's promise: a commit is answered as on disk only after a checkpoint that covers it was written. */
class H2GroupCommitTest {

    @Test
    void aCommitThatAskedBeforeACheckpointFailedIsNeverAnsweredAsOnDisk() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch secondAsked = new CountDownLatch(1);
        AtomicInteger checkpoints = new AtomicInteger();
        H2GroupCommit commits = new H2GroupCommit(
                store -> {
                    if (checkpoints.incrementAndGet() == 1) {
                        // the disk is full: H2 shuts the database down; meanwhile another commit asks
                        firstRunning.countDown();
                        await(secondAsked);
                        throw new SQLException("No space left on device");
                    }
                    // a later checkpoint succeeds: of a database opened afresh from the file, without those commits
                },
                () -> null);

        CompletableFuture<Void> first = CompletableFuture.runAsync(commits::awaitCheckpointCoveringNow);
        await(firstRunning);
        CompletableFuture<Void> second = CompletableFuture.runAsync(commits::awaitCheckpointCoveringNow);
        // the second has its ticket once it waits for the running checkpoint
        Thread.sleep(200);
        secondAsked.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TransientDataAccessResourceException.class);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                .as("the commit that asked while the failing checkpoint ran")
                .hasCauseInstanceOf(TransientDataAccessResourceException.class);
        assertThat(checkpoints)
                .as("no checkpoint answers for the commits before the failure")
                .hasValue(1);

        // a commit after the failure is written by the next checkpoint
        commits.awaitCheckpointCoveringNow();
        assertThat(checkpoints).hasValue(2);
    }

    /** What tells the idle compaction that commands write: every commit that asks counts, written or not. */
    @Test
    void everyCommitThatAsksIsCounted() {
        H2GroupCommit commits = new H2GroupCommit(store -> {}, () -> null);
        assertThat(commits.asked()).isZero();

        commits.awaitDurable();
        commits.awaitDurable();
        assertThat(commits.asked()).isEqualTo(2);

        H2GroupCommit failing = new H2GroupCommit(
                store -> {
                    throw new SQLException("No space left on device");
                },
                () -> null);
        assertThatThrownBy(failing::awaitDurable).isInstanceOf(TransientDataAccessResourceException.class);
        assertThat(failing.asked()).isEqualTo(1);
    }

    /**
     * H2 shut a database down (as after a failed write) and it was opened afresh; a session of the old one then made
     * H2 forget the new one by name, while it holds the file. Commits made in the new one are written through it, and
     * the pool's connections closed so that the next ones open the database under its name again; commits of a
     * database not known, or of the one shut down, are not answered as stored.
     */
    @Test
    void commitsOfTheDatabaseH2ForgotByNameAreWrittenThroughIt(@TempDir Path directory) throws Exception {
        String url = withoutBackgroundWrites(directory);
        AtomicInteger evicted = new AtomicInteger();
        try (Connection first = DriverManager.getConnection(url, "sa", "")) {
            try (Statement statement = first.createStatement()) {
                statement.execute("CREATE TABLE member_row(id INT PRIMARY KEY)");
                statement.execute("CHECKPOINT");
            }
            org.h2.engine.Database shutDown = database(first);
            MVStore shutDownStore = H2GroupCommit.store(first);
            shutDown.shutdownImmediately();
            try (Connection afresh = DriverManager.getConnection(url, "sa", "");
                    Statement statement = afresh.createStatement()) {
                shutDown.shutdownImmediately();
                assertThatThrownBy(
                                () -> DriverManager.getConnection(url, "sa", "").close())
                        .as("H2 forgot the database opened afresh by its name")
                        .hasRootCauseInstanceOf(OverlappingFileLockException.class);
                statement.execute("INSERT INTO member_row VALUES (1)");
                MVStore store = H2GroupCommit.store(afresh);
                H2GroupCommit commits = new H2GroupCommit(url, "sa", "", evicted::incrementAndGet, () -> null);

                commits.awaitCheckpointCoveringNow(store);
                assertThat(store.hasUnsavedChanges()).as("the commit written").isFalse();
                assertThat(evicted).hasValue(1);

                assertThatThrownBy(commits::awaitCheckpointCoveringNow)
                        .as("a commit whose database is not known")
                        .isInstanceOf(TransientDataAccessResourceException.class);
                assertThatThrownBy(() -> commits.awaitCheckpointCoveringNow(shutDownStore))
                        .as("a commit made in the database shut down")
                        .isInstanceOf(TransientDataAccessResourceException.class);
                assertThat(evicted).hasValue(3);
            }
        }
        H2GroupCommit commits = new H2GroupCommit(url, "sa", "", evicted::incrementAndGet, () -> null);
        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
                Statement statement = reopened.createStatement()) {
            java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM member_row");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1))
                    .as("the commit written through the database H2 forgot")
                    .isEqualTo(1);
            MVStore store = H2GroupCommit.store(reopened);
            commits.awaitCheckpointCoveringNow(store);
            commits.awaitCheckpointCoveringNow();
            assertThat(evicted).as("the file is free again: nothing closed").hasValue(3);
        }
    }

    /** A commit made in a database H2 has closed since is not answered as stored by a checkpoint of another. */
    @Test
    void aCommitOfAClosedDatabaseIsNotAnsweredByACheckpointOfTheNextOne(@TempDir Path directory) throws Exception {
        String url = withoutBackgroundWrites(directory);
        H2GroupCommit commits = new H2GroupCommit(url, "sa", "", () -> {}, () -> null);
        MVStore closed;
        try (Connection first = DriverManager.getConnection(url, "sa", "")) {
            closed = H2GroupCommit.store(first);
            database(first).shutdownImmediately();
        }
        try (Connection afresh = DriverManager.getConnection(url, "sa", "")) {
            assertThatThrownBy(() -> commits.awaitCheckpointCoveringNow(closed))
                    .isInstanceOf(TransientDataAccessResourceException.class);
            commits.awaitCheckpointCoveringNow(H2GroupCommit.store(afresh));
        }
    }

    private static org.h2.engine.Database database(Connection connection) throws SQLException {
        return ((org.h2.engine.SessionLocal)
                        connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                .getDatabase();
    }

    /** A file database whose background writer stays out of the way: the stores of the tests are their own. */
    private static String withoutBackgroundWrites(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("provisioning") + ";WRITE_DELAY=600000";
    }

    @Test
    void aCheckpointReturnsOnlyOnceWhatH2WasAlreadyWritingIsInTheFile(@TempDir Path directory) throws Exception {
        String url = withoutBackgroundWrites(directory);
        H2GroupCommit commits = new H2GroupCommit(url, "sa", "", () -> {}, () -> null);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE member_row(id INT PRIMARY KEY, profile VARCHAR(2000))");
            MVStore store = H2GroupCommit.store(connection);
            for (int round = 0; round < 50; round++) {
                statement.execute("INSERT INTO member_row SELECT X + " + round * 100
                        + ", REPEAT('x', 2000) FROM SYSTEM_RANGE(1, 100)");
                // as H2 does by itself (its background writer, or a transaction that filled its write buffer): the
                // commit is handed to H2's writer threads, and nothing is left for CHECKPOINT to store
                store.tryCommit();

                commits.awaitCheckpointCoveringNow();

                long writes = store.getFileStore().getWriteCount();
                store.getFileStore().executeFileStoreOperation(() -> {});
                assertThat(store.getFileStore().getWriteCount())
                        .as("round %d: H2 still had the commit to write when the group commit answered", round)
                        .isEqualTo(writes);
            }
        }
    }

    @Test
    void aCommitH2FailedToWriteOnItsOwnThreadsIsNotAnsweredAsOnDisk(@TempDir Path directory) throws Exception {
        String url = withoutBackgroundWrites(directory);
        H2GroupCommit commits = new H2GroupCommit(url, "sa", "", () -> {}, () -> null);
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE member_row(id INT PRIMARY KEY)");
            statement.execute("INSERT INTO member_row VALUES (1)");
            MVStore store = H2GroupCommit.store(connection);
            store.tryCommit();
            // as H2's writer thread does when its write fails (a full disk)
            assertThatThrownBy(() -> store.panic(
                            new MVStoreException(DataUtils.ERROR_WRITING_FAILED, "No space left on device")))
                    .isInstanceOf(MVStoreException.class);

            assertThatThrownBy(commits::awaitCheckpointCoveringNow)
                    .isInstanceOf(TransientDataAccessResourceException.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
