-- Command-side lookups, written in the same transaction as the events they follow. They decide (unique userNames
-- and team names, which token opens which tenant); read models never do.
CREATE TABLE cs_organization (
    organization_id      VARCHAR(64)  PRIMARY KEY,
    name                 VARCHAR(200) NOT NULL,
    tenant_id            VARCHAR(64)  NOT NULL,
    provisioning_enabled BOOLEAN      NOT NULL,
    credential_id        VARCHAR(64),
    token_hash           VARCHAR(64),
    token_issued_at      TIMESTAMP WITH TIME ZONE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_cs_organization_tenant UNIQUE (tenant_id)
);

CREATE TABLE cs_member (
    member_id       VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    user_name_key   VARCHAR(256) NOT NULL,
    source          VARCHAR(16)  NOT NULL,
    CONSTRAINT uk_cs_member_user_name UNIQUE (organization_id, user_name_key)
);

CREATE TABLE cs_team (
    team_id         VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name_key        VARCHAR(256) NOT NULL,
    source          VARCHAR(16)  NOT NULL,
    CONSTRAINT uk_cs_team_name UNIQUE (organization_id, name_key)
);

-- Admin accounts: the password hash (bcrypt) lives only here, never in an event.
CREATE TABLE admin_account (
    admin_id      VARCHAR(64)  PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    email_key     VARCHAR(254) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    operator      BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_admin_account_email UNIQUE (email_key)
);

CREATE TABLE admin_organization (
    admin_id        VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (admin_id, organization_id)
);
CREATE INDEX ix_admin_organization_org ON admin_organization (organization_id);
