package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Activity > Actions: one row per event, and the name each member, team and organization had, created in slot
 * {@code a} and slot {@code b} like the directory (a rebuild fills the other slot, then switches).
 */
public class V4__activity extends BaseJavaMigration {

    private static final String SLOT_TABLES = """
            CREATE TABLE activity_%1$s (
                position        BIGINT        PRIMARY KEY,
                event_id        VARCHAR(255)  NOT NULL,
                organization_id VARCHAR(64)   NOT NULL,
                occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
                actor_kind      VARCHAR(32)   NOT NULL,
                actor_id        VARCHAR(255),
                actor_name      VARCHAR(255),
                request_id      VARCHAR(255),
                client          VARCHAR(255),
                action          VARCHAR(64)   NOT NULL,
                subject_type    VARCHAR(16)   NOT NULL,
                subject_id      VARCHAR(64)   NOT NULL,
                subject_name    VARCHAR(512),
                related_id      VARCHAR(64),
                summary         VARCHAR(2000) NOT NULL,
                details         VARCHAR(1000000) NOT NULL
            );
            CREATE INDEX ix_activity_%1$s_org ON activity_%1$s (organization_id, position);
            CREATE INDEX ix_activity_%1$s_action ON activity_%1$s (organization_id, action, position);
            CREATE INDEX ix_activity_%1$s_subject ON activity_%1$s (organization_id, subject_id, position);
            CREATE INDEX ix_activity_%1$s_related ON activity_%1$s (organization_id, related_id, position);
            CREATE INDEX ix_activity_%1$s_actor_kind ON activity_%1$s (organization_id, actor_kind, position);
            CREATE INDEX ix_activity_%1$s_actor ON activity_%1$s (organization_id, actor_id, position);
            CREATE INDEX ix_activity_%1$s_time ON activity_%1$s (organization_id, occurred_at, position);
            CREATE TABLE activity_subject_%1$s (
                subject_id      VARCHAR(64)  PRIMARY KEY,
                organization_id VARCHAR(64)  NOT NULL,
                name            VARCHAR(512) NOT NULL
            );
            """;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("INSERT INTO projection_slot (projection, live_slot) VALUES ('activity', 'a')");
            for (String slot : new String[] {"a", "b"}) {
                for (String ddl : SLOT_TABLES.formatted(slot).split(";")) {
                    if (!ddl.isBlank()) {
                        statement.execute(ddl);
                    }
                }
            }
        }
    }
}
