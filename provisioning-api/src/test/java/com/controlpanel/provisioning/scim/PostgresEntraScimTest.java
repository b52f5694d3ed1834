package com.controlpanel.provisioning.scim;

/** Every test of {@link EntraScimTest} again, on PostgreSQL. */
@OnPostgres
class PostgresEntraScimTest extends EntraScimTest {}
