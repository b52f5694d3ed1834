package com.controlpanel.provisioning.scim;

/** Every test of {@link OktaScimTest} again, on PostgreSQL. */
@OnPostgres
class PostgresOktaScimTest extends OktaScimTest {}
