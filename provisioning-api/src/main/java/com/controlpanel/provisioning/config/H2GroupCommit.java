package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.application.WriteDurability;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.dao.DataAccessResourceFailureException;
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
 * around several commands) can never starve it.
 */
final class H2GroupCommit implements WriteDurability, AutoCloseable {

    private final String url;
    private final String user;
    private final String password;

    private final Object lock = new Object();
    /** Commits that asked to be made durable, numbered in the order they asked. */
    private long requested;
    /** Every commit numbered up to this one is on disk. */
    private long durable;

    private boolean checkpointRunning;
    private Connection connection;

    H2GroupCommit(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
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

    private void awaitCheckpointCoveringNow() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        while (true) {
            long covers;
            synchronized (lock) {
                while (checkpointRunning && durable < ticket) {
                    waitForCheckpoint();
                }
                if (durable >= ticket) {
                    return;
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
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, user, password);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new DataAccessResourceFailureException("Could not write committed changes to the H2 file", e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing after a failure: the next checkpoint opens a new one
            }
            connection = null;
        }
    }
}
