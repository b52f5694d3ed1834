package db.migration;

import com.controlpanel.provisioning.directory.SearchTerms;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The member and team lists sort the numbers in names by their values ("Team 2" before "Team 10", not after it): the
 * order keys ({@code label_key}, {@code name_order}) of the names that hold a number are made again, in both slots;
 * the others stay as they are.
 */
public class V15__name_order_numbers extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        for (String slot : new String[] {"a", "b"}) {
            SearchTerms.recomputeNumberedOrder(context.getConnection(), slot);
        }
    }
}
