package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.application.Causes;
import com.controlpanel.provisioning.application.WriteDurability;
import java.nio.channels.OverlappingFileLockException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.datasource.ConnectionHolder;
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
 * <p>Commits wait in groups, one for each database they were made in: the command's transaction notes the database of
 * its connection. A checkpoint writes through that database only; when H2 has closed it since (the disk full), none of
 * its commits is answered as stored, even when a database opened afresh from the file is written.
 *
 * <p>A checkpoint that fails (the disk full) fails every commit of its group that had asked before it failed: H2 then
 * shuts the database down, and what it had not written is not in the file. A later checkpoint, maybe of the database
 * opened afresh from the file, says nothing of those commits, so none of them is ever answered as stored.
 */
final class H2GroupCommit implements WriteDurability {

    /** Writes what H2 holds of the committed transactions to its file. */
    interface Checkpoint {
        /** @param committedIn the store of the database the commits were made in; null when not known */
        void run(MVStore committedIn) throws SQLException;
    }

    /** The commits made in one database (or in one not known), numbered in the order they asked. */
    private static final class Group {
        long requested;
        /** Every commit numbered up to this one is on disk. */
        long durable;
        /** Every commit numbered up to this one had asked when a checkpoint failed: never answered as on disk. */
        long failedUpTo;

        boolean checkpointRunning;

        boolean settled() {
            return !checkpointRunning && requested <= Math.max(durable, failedUpTo);
        }
    }

    private final Checkpoint checkpoint;
    private final Supplier<MVStore> transactionStore;
    /** The database this thread's last command committed in, noted by the command bus's interceptor. */
    private final ThreadLocal<MVStore> committedIn = new ThreadLocal<>();

    private final Object lock = new Object();
    /** Commits that asked to be made durable, written or not. */
    private long asked;
    /** The groups with commits waiting; a null key for the commits whose database is not known. */
    private final Map<MVStore, Group> groups = new IdentityHashMap<>();

    /**
     * @param evictPool closes the pool's connections: run when this process itself holds the file through a database
     *     H2 no longer lists, which only closing those connections lets go
     * @param transactionStore the store of the database the current transaction's connection is of; null if none
     */
    H2GroupCommit(String url, String user, String password, Runnable evictPool, Supplier<MVStore> transactionStore) {
        this(committedIn -> checkpoint(url, user, password, committedIn, evictPool), transactionStore);
    }

    H2GroupCommit(Checkpoint checkpoint, Supplier<MVStore> transactionStore) {
        this.checkpoint = checkpoint;
        this.transactionStore = transactionStore;
    }

    /**
     * Writes what H2 holds of the committed transactions through the database registered under {@code url}, which is
     * the one the commits were made in. Or, after H2 forgot that one by name (a statement on a session of a database
     * it had shut down does so, while the one opened afresh keeps the file), through the database the commits were
     * made in; the pool's connections are then closed so that the next ones open the database under its name again.
     */
    static void checkpoint(String url, String user, String password, MVStore committedIn, Runnable evictPool)
            throws SQLException {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            if (Causes.find(e, OverlappingFileLockException.class).isEmpty()) {
                throw e;
            }
            try {
                if (committedIn == null) {
                    throw e;
                }
                writeThrough(committedIn);
            } finally {
                evictPool.run();
            }
            return;
        }
        try (connection;
                Statement statement = connection.createStatement()) {
            MVStore named = store(connection);
            if (committedIn != null && named != committedIn) {
                throw new SQLException("H2 has closed the database these commits were made in");
            }
            statement.execute("CHECKPOINT");
            awaitWriters(named);
        }
    }

    /** What {@code CHECKPOINT} does, on a store reached without its name; fails if H2 has closed the store. */
    private static void writeThrough(MVStore store) throws SQLException {
        try {
            store.commit();
            awaitWriters(store);
        } catch (MVStoreException e) {
            throw new SQLException("H2 could not write its file", e);
        }
        if (store.isClosed() || store.getPanicException() != null) {
            throw new SQLException("H2 has closed the database these commits were made in", store.getPanicException());
        }
    }

    /**
     * Waits until H2's writer threads have written what they were given. {@code CHECKPOINT} stores what no store has
     * taken yet; a store H2 began by itself just before (its background writer after {@code WRITE_DELAY}, or a
     * transaction that filled its write buffer) may still be on those threads, and {@code CHECKPOINT} then returns at
     * once, before the commits it was asked for are in the file.
     */
    private static void awaitWriters(MVStore store) throws SQLException {
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

    /** The store of the connection the current transaction on {@code pool} holds; null when there is none. */
    static Supplier<MVStore> transactionStoreOf(DataSource pool) {
        return () -> {
            if (!(TransactionSynchronizationManager.getResource(pool) instanceof ConnectionHolder holder)) {
                return null;
            }
            try {
                return store(holder.getConnection());
            } catch (SQLException | RuntimeException e) {
                return null;
            }
        };
    }

    /**
     * In each command's transaction, which the command bus has begun: notes the database its connection is of, for
     * the caller's wait once it has committed.
     */
    MessageHandlerInterceptor<CommandMessage<?>> notingTheDatabaseCommittedIn() {
        return (unitOfWork, chain) -> {
            committedIn.remove();
            MVStore store = transactionStore.get();
            unitOfWork.afterCommit(committed -> committedIn.set(store));
            return chain.proceed();
        };
    }

    @Override
    public void awaitDurable() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            committedIn.remove();
            deferToCommit(transactionStore.get());
        } else {
            MVStore store = committedIn.get();
            committedIn.remove();
            awaitCheckpointCoveringNow(store);
        }
    }

    /** Inside a transaction the commit comes later: wait then, once per transaction. */
    private void deferToCommit(MVStore store) {
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                awaitCheckpointCoveringNow(store);
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
            return asked;
        }
    }

    /** Waits until the commit that just ended, in a database not known, is on disk. */
    void awaitCheckpointCoveringNow() {
        awaitCheckpointCoveringNow(null);
    }

    /** Waits until the commit that just ended in the database of {@code store} is on disk; throws if it may never be. */
    void awaitCheckpointCoveringNow(MVStore store) {
        Group group;
        long ticket;
        synchronized (lock) {
            asked++;
            group = groups.computeIfAbsent(store, any -> new Group());
            ticket = ++group.requested;
        }
        while (true) {
            long covers;
            synchronized (lock) {
                while (group.checkpointRunning && group.durable < ticket && group.failedUpTo < ticket) {
                    waitForCheckpoint();
                }
                if (group.durable >= ticket) {
                    return;
                }
                if (group.failedUpTo >= ticket) {
                    throw notWritten(null);
                }
                group.checkpointRunning = true;
                // Every ticket handed out so far belongs to a commit that had ended before this checkpoint starts.
                covers = group.requested;
            }
            boolean written = false;
            try {
                checkpoint(store);
                written = true;
            } finally {
                synchronized (lock) {
                    group.checkpointRunning = false;
                    if (written) {
                        group.durable = Math.max(group.durable, covers);
                    } else {
                        // also the commits that asked while it ran: they may have ended in the database H2 shut down
                        group.failedUpTo = Math.max(group.failedUpTo, group.requested);
                    }
                    // the checkpoint that covers the group's last commit always ends here: a group is forgotten once
                    // none of its commits waits
                    if (group.settled()) {
                        groups.remove(store, group);
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

    /** Only ever one thread at a time gets here for a group. */
    private void checkpoint(MVStore store) {
        try {
            checkpoint.run(store);
        } catch (SQLException e) {
            throw notWritten(e);
        }
    }

    /** Answered 503 with {@code Retry-After} (nothing of it is kept: the client sends it again), never 500. */
    private static TransientDataAccessResourceException notWritten(SQLException cause) {
        return new TransientDataAccessResourceException("Could not write committed changes to the H2 file", cause);
    }
}
