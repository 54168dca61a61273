package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2LeaseTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2LeaseAutoCommitOffTest extends H2LeaseTest {}
