package com.controlpanel.provisioning.scim;

/** Every test of {@link ScimPatchTest} again, on PostgreSQL. */
@OnPostgres
class PostgresScimPatchTest extends ScimPatchTest {}
