package com.controlpanel.provisioning.scim;

/** Every test of {@link UserNameFilterScaleTest} again, on PostgreSQL. */
@OnPostgres
class PostgresUserNameFilterScaleTest extends UserNameFilterScaleTest {}
