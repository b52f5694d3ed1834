package com.controlpanel.provisioning.config;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's event store when an append failed because the aggregate's next sequence number was taken meanwhile:
 * another node appended to the same member, team or organization at the same moment. Axon then reports a
 * {@link org.axonframework.modelling.command.ConcurrencyException}, which the command gateway sends again on fresh
 * state ({@link TransientCommandFailures}). Axon's own resolver knows only the JDBC exception H2 throws; PostgreSQL's
 * driver reports the unique violation by its SQL state (23505), inside a batch update's exception, and the command
 * failed with a 500.
 */
final class EventStoreConflicts implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && duplicateKey(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean duplicateKey(SQLException exception) {
        for (SQLException each = exception; each != null; each = each.getNextException()) {
            if (each instanceof SQLIntegrityConstraintViolationException
                    || UNIQUE_VIOLATION.equals(each.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
