package io.github.alationgateway.events;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresEventLogTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresEventLogAutoCommitOffTest extends PostgresEventLogTest {}
