package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2RegisterBatchTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2RegisterBatchAutoCommitOffTest extends H2RegisterBatchTest {}
