package io.github.alationgateway.retention;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresRetentionTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresRetentionAutoCommitOffTest extends PostgresRetentionTest {}
