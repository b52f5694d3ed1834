package db.migration;

import com.controlpanel.provisioning.storage.CaseKeys;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The unique keys schema 19 kept as they were (a userName, team name or admin email that another row's folds to),
 * recorded under the key they would have: the command side's lookups and the sign-in find them by it, so that no new
 * member, team or account is made beside them under the same name, and none of them is renamed into the other's.
 * See {@link CaseKeys#recordKept}. A row whose stored key is no longer {@code stored_key} (renamed since, or deleted)
 * is no longer found through its record.
 */
public class V20__kept_case_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("""
                    CREATE TABLE kept_case_key (
                        kind            VARCHAR(16)  NOT NULL,
                        id              VARCHAR(64)  NOT NULL,
                        organization_id VARCHAR(64)  NOT NULL,
                        stored_key      VARCHAR(256) NOT NULL,
                        folded_key      VARCHAR(256) NOT NULL,
                        PRIMARY KEY (kind, id)
                    )""");
            statement.execute(
                    "CREATE INDEX ix_kept_case_key_folded ON kept_case_key (kind, organization_id, folded_key)");
        }
        CaseKeys.recordKept(context.getConnection());
    }
}
