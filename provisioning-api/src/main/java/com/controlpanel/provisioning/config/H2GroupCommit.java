package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.application.Causes;
import com.controlpanel.provisioning.application.WriteDurability;
import java.nio.channels.OverlappingFileLockException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit for the embedded H2 store. H2 writes committed transactions to its file in the background
 * ({@code WRITE_DELAY}); a command's caller waits here until a {@code CHECKPOINT} that started after its commit has
 * written it. Whoever finds no checkpoint running runs one for everybody waiting; those who committed while it ran wait
 * for the next. Under load one write to the file covers dozens of commits instead of one each, and an answered request
 * is still on disk: it survives the process being killed the moment after.
 *
 * <p>The checkpoint runs on a connection of its own, so that a caller holding a pooled connection (a transaction
 * around several commands) can never starve it; one for each checkpoint, so that it never keeps a database open that
 * the pool can not reach (below).
 *
 * <p>A checkpoint that fails (the disk full) fails every commit that had asked before it failed: H2 then shuts the
 * database down, and what it had not written is not in the file. A later checkpoint, maybe of the database opened
 * afresh from the file, says nothing of those commits, so none of them is ever answered as stored.
 */
final class H2GroupCommit implements WriteDurability {

    /** Writes what H2 holds of the committed transactions to its file. */
    interface Checkpoint {
        void run() throws SQLException;
    }

    private final Checkpoint checkpoint;
    private final Runnable evictPool;

    private final Object lock = new Object();
    /** Commits that asked to be made durable, numbered in the order they asked. */
    private long requested;
    /** Every commit numbered up to this one is on disk. */
    private long durable;
    /** Every commit numbered up to this one had asked when a checkpoint failed: never answered as on disk. */
    private long failedUpTo;

    private boolean checkpointRunning;

    /**
     * @param evictPool closes the pool's connections: run when this process itself holds the file through a database
     *     H2 no longer lists, which only closing those connections lets go
     */
    H2GroupCommit(String url, String user, String password, Runnable evictPool) {
        this(
                () -> {
                    try (Connection connection = DriverManager.getConnection(url, user, password);
                            Statement statement = connection.createStatement()) {
                        statement.execute("CHECKPOINT");
                        awaitWriters(connection);
                    }
                },
                evictPool);
    }

    /**
     * Waits until H2's writer threads have written what they were given. {@code CHECKPOINT} stores what no store has
     * taken yet; a store H2 began by itself just before (its background writer after {@code WRITE_DELAY}, or a
     * transaction that filled its write buffer) may still be on those threads, and {@code CHECKPOINT} then returns at
     * once, before the commits it was asked for are in the file.
     */
    private static void awaitWriters(Connection connection) throws SQLException {
        MVStore store = store(connection);
        FileStore<?> file = store == null ? null : store.getFileStore();
        if (file == null) {
            return;
        }
        try {
            file.executeFileStoreOperation(() -> {});
        } catch (MVStoreException e) {
            throw new SQLException("H2 could not write its file", e);
        }
    }

    /** The store under an embedded H2 connection; null for a connection to an H2 server. */
    static MVStore store(Connection connection) throws SQLException {
        return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                ? session.getDatabase().getStore().getMvStore()
                : null;
    }

    H2GroupCommit(Checkpoint checkpoint, Runnable evictPool) {
        this.checkpoint = checkpoint;
        this.evictPool = evictPool;
    }

    @Override
    public void awaitDurable() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            deferToCommit();
        } else {
            awaitCheckpointCoveringNow();
        }
    }

    /** Inside a transaction the commit comes later: wait then, once per transaction. */
    private void deferToCommit() {
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                awaitCheckpointCoveringNow();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(H2GroupCommit.this);
            }
        });
    }

    /** How many commits have asked to be made durable so far: while it stays the same, no command has written. */
    long asked() {
        synchronized (lock) {
            return requested;
        }
    }

    /** Waits until the commit that just ended is on disk; throws if it may never get there. */
    void awaitCheckpointCoveringNow() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long covers;
            synchronized (lock) {
                while (checkpointRunning && durable < ticket && failedUpTo < ticket) {
                    waitForCheckpoint();
                }
                if (durable >= ticket) {
                    return;
                }
                if (failedUpTo >= ticket) {
                    throw notWritten(null);
                }
                checkpointRunning = true;
                // Every ticket handed out so far belongs to a commit that had ended before this checkpoint starts.
                covers = requested;
            }
            boolean written = false;
            try {
                checkpoint();
                written = true;
            } finally {
                synchronized (lock) {
                    checkpointRunning = false;
                    if (written) {
                        durable = Math.max(durable, covers);
                    } else {
                        // also the commits that asked while it ran: they may have ended in the database H2 shut down
                        failedUpTo = Math.max(failedUpTo, requested);
                    }
                    lock.notifyAll();
                }
            }
        }
    }

    private void waitForCheckpoint() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException(
                    "Interrupted while waiting for the write to reach the disk", e);
        }
    }

    /** Only ever one thread at a time gets here. */
    private void checkpoint() {
        try {
            checkpoint.run();
        } catch (SQLException e) {
            if (Causes.find(e, OverlappingFileLockException.class).isPresent()) {
                // After H2 shut the database down, a statement on one of the pool's old connections makes it forget
                // (by name) the database opened afresh since, which the pool's newer connections keep open, the file
                // locked: no connection can be opened until those are closed.
                evictPool.run();
            }
            throw notWritten(e);
        }
    }

    /** Answered 503 with {@code Retry-After} (nothing of it is kept: the client sends it again), never 500. */
    private static TransientDataAccessResourceException notWritten(SQLException cause) {
        return new TransientDataAccessResourceException("Could not write committed changes to the H2 file", cause);
    }
}
