package db.migration;

import com.controlpanel.provisioning.directory.SearchTerms;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The member, team and Activity searches read Greek's final sigma as the other (a name typed in capitals so far,
 * "ΟΔΥΣ", lower-cases to "οδυς" and must find Οδυσσέας): the search terms, team search keys and order keys of the
 * names holding a sigma are made again in both slots; the others stay as they are.
 */
public class V21__final_sigma_search extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        for (String slot : new String[] {"a", "b"}) {
            SearchTerms.recomputeSigmas(context.getConnection(), slot);
        }
    }
}
