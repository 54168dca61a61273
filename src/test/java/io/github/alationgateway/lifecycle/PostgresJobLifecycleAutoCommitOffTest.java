package io.github.alationgateway.lifecycle;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresJobLifecycleTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresJobLifecycleAutoCommitOffTest extends PostgresJobLifecycleTest {}
