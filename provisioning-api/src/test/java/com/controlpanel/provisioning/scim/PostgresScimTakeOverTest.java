package com.controlpanel.provisioning.scim;

/** Every test of {@link ScimTakeOverTest} again, on PostgreSQL. */
@OnPostgres
class PostgresScimTakeOverTest extends ScimTakeOverTest {}
