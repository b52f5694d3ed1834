package db.migration;

import com.controlpanel.provisioning.directory.SearchTerms;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The member search reads names without their accents ("jose" finds José) and keeps a word's combining marks in the
 * word: the terms of the members already there are made again the same way.
 */
public class V10__folded_search_terms extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        for (String slot : new String[] {"a", "b"}) {
            SearchTerms.recompute(context.getConnection(), slot);
        }
    }
}
