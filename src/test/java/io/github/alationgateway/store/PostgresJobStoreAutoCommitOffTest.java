package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresJobStoreTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresJobStoreAutoCommitOffTest extends PostgresJobStoreTest {}
