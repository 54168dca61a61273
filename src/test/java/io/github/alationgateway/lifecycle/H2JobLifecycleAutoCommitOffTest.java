package io.github.alationgateway.lifecycle;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2JobLifecycleTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2JobLifecycleAutoCommitOffTest extends H2JobLifecycleTest {}
