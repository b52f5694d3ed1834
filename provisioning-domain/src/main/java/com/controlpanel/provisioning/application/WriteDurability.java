package com.controlpanel.provisioning.application;

/**
 * Makes a committed write durable before its caller is told it succeeded. A store that writes every commit to disk
 * as it happens needs nothing ({@link #AT_COMMIT}); a store that writes commits to disk in groups makes the caller
 * wait for the write that covers its commit.
 */
public interface WriteDurability {

    /** For a store whose commit is already on disk when it returns (PostgreSQL). */
    WriteDurability AT_COMMIT = () -> {};

    /**
     * Returns once everything this thread has committed is on disk. Called inside a transaction, it defers the wait
     * to the moment that transaction commits.
     */
    void awaitDurable();
}
