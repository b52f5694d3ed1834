package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The names a member, team or organization had before its current one (renamed, an email changed), in both activity
 * slots: what Activity's "Member or team" filter finds a subject by after it was renamed. Filled from the rows each
 * slot holds: every name its rows gave a subject, other than the one it has now (as the projection keeps it).
 */
public class V13__activity_former_names extends BaseJavaMigration {

    private static final String SLOT = """
            CREATE TABLE activity_former_name_%1$s (
                subject_id      VARCHAR(64)  NOT NULL,
                name            VARCHAR(512) NOT NULL,
                organization_id VARCHAR(64)  NOT NULL,
                PRIMARY KEY (subject_id, name)
            );
            CREATE INDEX ix_activity_former_name_%1$s_org ON activity_former_name_%1$s (organization_id);
            INSERT INTO activity_former_name_%1$s (subject_id, name, organization_id)
                SELECT DISTINCT a.subject_id, a.subject_name, a.organization_id
                FROM activity_%1$s a JOIN activity_subject_%1$s s ON s.subject_id = a.subject_id
                WHERE a.subject_name IS NOT NULL AND a.subject_name <> s.name AND a.subject_name <> a.subject_id
            """;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String slot : new String[] {"a", "b"}) {
                for (String sql : SLOT.formatted(slot).split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
        }
    }
}
