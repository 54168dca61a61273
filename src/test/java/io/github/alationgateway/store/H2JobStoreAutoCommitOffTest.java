package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2JobStoreTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2JobStoreAutoCommitOffTest extends H2JobStoreTest {}
