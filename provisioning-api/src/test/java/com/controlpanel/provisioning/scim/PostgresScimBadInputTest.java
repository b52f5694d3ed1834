package com.controlpanel.provisioning.scim;

/** Every test of {@link ScimBadInputTest} again, on PostgreSQL. */
@OnPostgres
class PostgresScimBadInputTest extends ScimBadInputTest {}
