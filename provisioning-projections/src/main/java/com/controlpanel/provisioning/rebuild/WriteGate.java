package com.controlpanel.provisioning.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Lets commands through side by side, and lets a rebuild stop them for the moment it catches up and switches a read
 * model's slot. Every command dispatch passes the gate (see the gated command bus); holding it for a command's whole
 * unit of work means that when the rebuild holds it, no write is in flight on this node. On a database several
 * nodes share, each command also {@linkplain #enterInTransaction(String) enters} the {@link ClusterLocks cluster's write
 * lock} in its transaction, and closing the gate takes that lock exclusively: no node writes either.
 */
public class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** One organization's writes wait for each other; organizations that share a stripe do too, which is harmless. */
    private final ReentrantLock[] organizations = new ReentrantLock[64];

    /** How long a read waits for a write of its organization in flight on this node. */
    static final Duration WRITE_IN_FLIGHT_WAIT = Duration.ofSeconds(15);

    private final ClusterLocks cluster;

    /** A gate for one process (the embedded H2 file, tests). */
    public WriteGate() {
        this(ClusterLocks.NONE);
    }

    public WriteGate(ClusterLocks cluster) {
        this.cluster = cluster;
        for (int i = 0; i < organizations.length; i++) {
            organizations[i] = new ReentrantLock();
        }
    }

    /**
     * Passes the gate with a write of one organization, which waits for that organization's write in flight on this
     * node to end (commit included): one organization's events are stored, and committed, one write after the other,
     * so that their order in the store is the order they happened in (the order a rebuild replays them in) and no
     * write decides on what another one of the organization has not yet committed. Writes of other organizations go
     * side by side. A null organization waits for none.
     */
    public <T> T pass(String organizationId, Supplier<T> write) {
        lock.readLock().lock();
        try {
            if (organizationId == null) {
                return write.get();
            }
            ReentrantLock organization = stripe(organizationId);
            organization.lock();
            try {
                return write.get();
            } finally {
                organization.unlock();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Returns once every write of the organization that may store an event stamped at or before {@code at} (to the
     * millisecond, as the store keeps time) has ended, committed or rolled back, on this node and, on a database
     * several nodes share, on every node: from then on, the events up to that instant are all in the store, and a
     * state computed from them as of that instant stays the same when asked again. A write stamps its events after it
     * has taken its organization's lock (here, and in its transaction on every node): once the clock is past the
     * instant's millisecond, a write yet to take it stamps later than the instant, and one holding it is waited for.
     * Waits for the clock at most a second (an instant further ahead is not waited for) and for the writes at most
     * {@link #WRITE_IN_FLIGHT_WAIT} here, the cluster's write wait across nodes: then {@link WritesInFlightException}.
     */
    public void awaitWritesUpTo(String organizationId, Instant at) {
        long after = at.truncatedTo(ChronoUnit.MILLIS).toEpochMilli() + 1;
        long ahead = after - System.currentTimeMillis();
        if (ahead > 0 && ahead <= 1000) {
            try {
                Thread.sleep(ahead);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WritesInFlightException(e);
            }
        }
        ReentrantLock organization = stripe(organizationId);
        boolean passed;
        try {
            passed = organization.tryLock(WRITE_IN_FLIGHT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WritesInFlightException(e);
        }
        if (!passed) {
            throw new WritesInFlightException(null);
        }
        organization.unlock();
        cluster.awaitWritesOf(organizationId);
    }

    /**
     * Called in a command's transaction before it loads or stores anything: waits while a rebuild on another node
     * holds the writes, and keeps it waiting until this transaction ends; with an organization, also waits for that
     * organization's write in flight on any node, and keeps the next one waiting until this transaction ends.
     */
    public void enterInTransaction(String organizationId) {
        cluster.enterWrite(organizationId);
    }

    /**
     * Runs the action while no write runs and none can start: first on this node (its own commands have no cluster
     * lock to wait on, so this order cannot deadlock), then on every node.
     */
    public void closedWhile(Runnable action) {
        lock.writeLock().lock();
        try {
            cluster.holdingWrites(action);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean isClosed() {
        return lock.isWriteLocked();
    }

    /** The lock of an organization's writes on this node (shared by the organizations of its stripe). */
    private ReentrantLock stripe(String organizationId) {
        return organizations[Math.floorMod(organizationId.hashCode(), organizations.length)];
    }

    public ClusterLocks cluster() {
        return cluster;
    }
}
