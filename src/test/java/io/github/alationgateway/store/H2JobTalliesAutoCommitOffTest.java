package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2JobTalliesTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2JobTalliesAutoCommitOffTest extends H2JobTalliesTest {}
