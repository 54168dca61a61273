package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresEndedJobsTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresEndedJobsAutoCommitOffTest extends PostgresEndedJobsTest {}
