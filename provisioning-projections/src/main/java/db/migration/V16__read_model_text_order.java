package db.migration;

import com.controlpanel.provisioning.storage.ReadModelCollation;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, every text column of the read models compares character by character (collation {@code "C"}), as H2
 * compares them, whatever the database's own collation: see {@link ReadModelCollation}. Nothing to do on H2.
 */
public class V16__read_model_text_order extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ReadModelCollation.applyTo(context.getConnection());
    }
}
