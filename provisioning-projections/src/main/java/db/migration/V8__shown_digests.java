package db.migration;

import com.controlpanel.provisioning.directory.ShownDigests;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Who a team's members are, as a digest beside its version: a Group's SCIM ETag is both, so that it changes when a
 * member is deleted (no event of the team). The digests of the teams already there are computed from their
 * memberships, as the projection keeps them from now on.
 */
public class V8__shown_digests extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String slot : new String[] {"a", "b"}) {
                statement.execute(
                        "ALTER TABLE dir_team_%s ADD COLUMN members_digest BIGINT DEFAULT 0 NOT NULL".formatted(slot));
            }
        }
        for (String slot : new String[] {"a", "b"}) {
            ShownDigests.recompute(context.getConnection(), slot);
        }
    }
}
