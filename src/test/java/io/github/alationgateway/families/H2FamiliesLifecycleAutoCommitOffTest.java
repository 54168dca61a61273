package io.github.alationgateway.families;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2FamiliesLifecycleTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2FamiliesLifecycleAutoCommitOffTest extends H2FamiliesLifecycleTest {}
