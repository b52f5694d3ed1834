package db.migration;

import com.controlpanel.provisioning.directory.SearchTerms;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The team list's search reads names without their accents, as the member search does ("equipe" finds Équipe): each
 * team gets the search key its name gives, kept beside the key SCIM's {@code displayName eq} compares.
 */
public class V12__team_search_key extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String slot : new String[] {"a", "b"}) {
                statement.execute("ALTER TABLE dir_team_%s ADD COLUMN search_key VARCHAR(1024)".formatted(slot));
                SearchTerms.recomputeTeams(context.getConnection(), slot);
                statement.execute("ALTER TABLE dir_team_%s ALTER COLUMN search_key SET NOT NULL".formatted(slot));
            }
        }
    }
}
