package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresLabelTalliesTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresLabelTalliesAutoCommitOffTest extends PostgresLabelTalliesTest {}
