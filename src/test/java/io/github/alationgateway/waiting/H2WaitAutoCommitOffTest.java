package io.github.alationgateway.waiting;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2WaitTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2WaitAutoCommitOffTest extends H2WaitTest {}
