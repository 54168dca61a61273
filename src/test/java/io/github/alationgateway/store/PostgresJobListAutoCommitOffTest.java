package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresJobListTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresJobListAutoCommitOffTest extends PostgresJobListTest {}
