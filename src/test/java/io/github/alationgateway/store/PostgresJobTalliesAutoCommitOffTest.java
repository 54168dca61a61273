package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresJobTalliesTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresJobTalliesAutoCommitOffTest extends PostgresJobTalliesTest {}
