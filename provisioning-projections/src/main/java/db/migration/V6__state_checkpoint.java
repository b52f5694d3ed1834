package db.migration;

import com.controlpanel.provisioning.storage.SharedDatabase;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Folded states of an organization's directory kept at intervals of its history, so that the state as of an instant
 * replays only the events after the nearest one instead of the whole history. A derived cache of the event store:
 * it can be emptied at any time and is rebuilt from the events.
 */
public class V6__state_checkpoint extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = SharedDatabase.isPostgres(context.getConnection());
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("""
                    CREATE TABLE state_checkpoint (
                        organization_id VARCHAR(64)  NOT NULL,
                        position        BIGINT       NOT NULL,
                        covers_until    VARCHAR(64)  NOT NULL,
                        stored_events   BIGINT       NOT NULL,
                        events_applied  BIGINT       NOT NULL,
                        format          INTEGER      NOT NULL,
                        state           %s           NOT NULL,
                        PRIMARY KEY (organization_id, position)
                    )""".formatted(postgres ? "BYTEA" : "BLOB"));
        }
    }
}
