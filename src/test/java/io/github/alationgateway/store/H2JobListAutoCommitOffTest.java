package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2JobListTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2JobListAutoCommitOffTest extends H2JobListTest {}
