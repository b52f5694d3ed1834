package com.controlpanel.provisioning.scim;

/** Every test of {@link ScimETagTest} again, on PostgreSQL. */
@OnPostgres
class PostgresScimETagTest extends ScimETagTest {}
