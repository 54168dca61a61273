package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresLeaseTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresLeaseAutoCommitOffTest extends PostgresLeaseTest {}
