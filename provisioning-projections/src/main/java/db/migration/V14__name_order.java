package db.migration;

import com.controlpanel.provisioning.directory.SearchTerms;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The member and team lists sort names without regard to case and accents (Émile among the E, not after Z): a
 * member's {@code label_key}, which only the list's name order reads, becomes its label folded as the search folds
 * it (only the labels with a character outside ASCII change); each team gets such a key of its own ({@code
 * name_order}) beside the {@code name_key} SCIM's {@code displayName} filters compare, and an index of it.
 */
public class V14__name_order extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String slot : new String[] {"a", "b"}) {
                statement.execute("ALTER TABLE dir_team_%s ADD COLUMN name_order VARCHAR(256)".formatted(slot));
                SearchTerms.recomputeOrder(context.getConnection(), slot);
                statement.execute("ALTER TABLE dir_team_%s ALTER COLUMN name_order SET NOT NULL".formatted(slot));
                statement.execute(("CREATE INDEX ix_dir_team_%1$s_name_order ON dir_team_%1$s "
                                + "(organization_id, name_order, team_id)")
                        .formatted(slot));
            }
        }
    }
}
