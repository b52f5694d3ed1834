package db.migration;

import com.controlpanel.provisioning.directory.SearchTerms;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The member and team lists sort names without regard to case and accents (Émile among the E, not after Z): each
 * member and team gets the key its name gives ({@code label_order}, {@code name_order}), beside the keys SCIM's
 * filters compare, and the member list's name order is read along an index of it.
 */
public class V14__name_order extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String slot : new String[] {"a", "b"}) {
                statement.execute("ALTER TABLE dir_member_%s ADD COLUMN label_order VARCHAR(256)".formatted(slot));
                statement.execute("ALTER TABLE dir_team_%s ADD COLUMN name_order VARCHAR(256)".formatted(slot));
                SearchTerms.recomputeOrder(context.getConnection(), slot);
                statement.execute("ALTER TABLE dir_member_%s ALTER COLUMN label_order SET NOT NULL".formatted(slot));
                statement.execute("ALTER TABLE dir_team_%s ALTER COLUMN name_order SET NOT NULL".formatted(slot));
                statement.execute("DROP INDEX ix_dir_member_%s_label".formatted(slot));
                statement.execute(("CREATE INDEX ix_dir_member_%1$s_label_order ON dir_member_%1$s "
                                + "(organization_id, label_order, member_id)")
                        .formatted(slot));
                statement.execute(("CREATE INDEX ix_dir_team_%1$s_name_order ON dir_team_%1$s "
                                + "(organization_id, name_order, team_id)")
                        .formatted(slot));
            }
        }
    }
}
