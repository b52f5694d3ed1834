package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The directory read model (organizations, members, teams, memberships and what is indexed for search), created
 * twice: slot {@code a} and slot {@code b}. One slot is live; a rebuild fills the other and then switches.
 */
public class V3__directory extends BaseJavaMigration {

    private static final String SLOT_TABLES = """
            CREATE TABLE dir_organization_%1$s (
                organization_id      VARCHAR(64)  PRIMARY KEY,
                name                 VARCHAR(200) NOT NULL,
                tenant_id            VARCHAR(64)  NOT NULL,
                provisioning_enabled BOOLEAN      NOT NULL,
                credential_id        VARCHAR(64),
                token_issued_at      TIMESTAMP WITH TIME ZONE,
                created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
                version              BIGINT       NOT NULL
            );
            CREATE TABLE dir_member_%1$s (
                member_id        VARCHAR(64)  PRIMARY KEY,
                organization_id  VARCHAR(64)  NOT NULL,
                source           VARCHAR(16)  NOT NULL,
                active           BOOLEAN      NOT NULL,
                user_name        VARCHAR(256) NOT NULL,
                user_name_key    VARCHAR(256) NOT NULL,
                external_id      VARCHAR(512),
                display_name     VARCHAR(256),
                display_name_key VARCHAR(256),
                given_name_key   VARCHAR(256),
                family_name_key  VARCHAR(256),
                email            VARCHAR(254) NOT NULL,
                email_key        VARCHAR(254) NOT NULL,
                label            VARCHAR(256) NOT NULL,
                label_key        VARCHAR(256) NOT NULL,
                profile          VARCHAR(1000000) NOT NULL,
                created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
                last_modified_at TIMESTAMP WITH TIME ZONE NOT NULL,
                version          BIGINT       NOT NULL
            );
            CREATE INDEX ix_dir_member_%1$s_user_name ON dir_member_%1$s (organization_id, user_name_key);
            CREATE INDEX ix_dir_member_%1$s_external_id ON dir_member_%1$s (organization_id, external_id);
            CREATE INDEX ix_dir_member_%1$s_display_name ON dir_member_%1$s (organization_id, display_name_key);
            CREATE INDEX ix_dir_member_%1$s_label ON dir_member_%1$s (organization_id, label_key, member_id);
            CREATE INDEX ix_dir_member_%1$s_email ON dir_member_%1$s (organization_id, email_key, member_id);
            CREATE INDEX ix_dir_member_%1$s_created ON dir_member_%1$s (organization_id, created_at, member_id);
            CREATE INDEX ix_dir_member_%1$s_modified ON dir_member_%1$s (organization_id, last_modified_at, member_id);
            CREATE TABLE dir_member_attr_%1$s (
                member_id       VARCHAR(64)  NOT NULL,
                organization_id VARCHAR(64)  NOT NULL,
                path            VARCHAR(256) NOT NULL,
                ordinal         INTEGER      NOT NULL,
                value_key       VARCHAR(512) NOT NULL
            );
            CREATE INDEX ix_dir_member_attr_%1$s_value ON dir_member_attr_%1$s (organization_id, path, value_key);
            CREATE INDEX ix_dir_member_attr_%1$s_member ON dir_member_attr_%1$s (member_id, path, ordinal);
            CREATE TABLE dir_member_term_%1$s (
                member_id       VARCHAR(64)  NOT NULL,
                organization_id VARCHAR(64)  NOT NULL,
                term            VARCHAR(128) NOT NULL
            );
            CREATE INDEX ix_dir_member_term_%1$s_term ON dir_member_term_%1$s (organization_id, term, member_id);
            CREATE INDEX ix_dir_member_term_%1$s_member ON dir_member_term_%1$s (member_id);
            CREATE TABLE dir_team_%1$s (
                team_id          VARCHAR(64)  PRIMARY KEY,
                organization_id  VARCHAR(64)  NOT NULL,
                source           VARCHAR(16)  NOT NULL,
                display_name     VARCHAR(256) NOT NULL,
                name_key         VARCHAR(256) NOT NULL,
                external_id      VARCHAR(512),
                member_count     INTEGER      NOT NULL,
                created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
                last_modified_at TIMESTAMP WITH TIME ZONE NOT NULL,
                version          BIGINT       NOT NULL
            );
            CREATE INDEX ix_dir_team_%1$s_name ON dir_team_%1$s (organization_id, name_key, team_id);
            CREATE INDEX ix_dir_team_%1$s_external_id ON dir_team_%1$s (organization_id, external_id);
            CREATE INDEX ix_dir_team_%1$s_created ON dir_team_%1$s (organization_id, created_at, team_id);
            CREATE TABLE dir_membership_%1$s (
                team_id         VARCHAR(64) NOT NULL,
                member_id       VARCHAR(64) NOT NULL,
                organization_id VARCHAR(64) NOT NULL,
                added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
                PRIMARY KEY (team_id, member_id)
            );
            CREATE INDEX ix_dir_membership_%1$s_member ON dir_membership_%1$s (member_id, team_id);
            """;

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(
                    "CREATE TABLE projection_slot (projection VARCHAR(64) PRIMARY KEY, live_slot VARCHAR(1) NOT NULL)");
            statement.execute("INSERT INTO projection_slot (projection, live_slot) VALUES ('directory', 'a')");
            for (String slot : new String[] {"a", "b"}) {
                for (String ddl : SLOT_TABLES.formatted(slot).split(";")) {
                    if (!ddl.isBlank()) {
                        statement.execute(ddl);
                    }
                }
            }
        }
    }
}
