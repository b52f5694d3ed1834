package com.controlpanel.provisioning.scim;

/**
 * {@link AggregateCacheTest} again, on PostgreSQL, where several nodes may share the store: nothing is kept in
 * memory, and a change refused at commit is forgotten all the same.
 */
@OnPostgres
class PostgresAggregateCacheTest extends AggregateCacheTest {}
