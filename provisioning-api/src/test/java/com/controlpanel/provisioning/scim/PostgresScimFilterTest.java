package com.controlpanel.provisioning.scim;

/** Every test of {@link ScimFilterTest} again, on PostgreSQL. */
@OnPostgres
class PostgresScimFilterTest extends ScimFilterTest {}
