package db.migration;

import com.controlpanel.provisioning.storage.CaseKeys;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Texts compared without regard to case are keyed by their case folding ({@code CaseInsensitive}), no longer by
 * lower-casing alone: the few keys that differ (Greek's final sigma, the long s, the micro sign…) are written again.
 * See {@link CaseKeys}.
 */
public class V19__case_insensitive_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        CaseKeys.refold(context.getConnection());
    }
}
