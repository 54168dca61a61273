package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresRegisterBatchTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresRegisterBatchAutoCommitOffTest extends PostgresRegisterBatchTest {}
