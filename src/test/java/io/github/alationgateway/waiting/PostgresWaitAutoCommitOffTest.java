package io.github.alationgateway.waiting;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresWaitTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresWaitAutoCommitOffTest extends PostgresWaitTest {}
