package io.github.alationgateway.outage;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresOutageTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresOutageAutoCommitOffTest extends PostgresOutageTest {}
