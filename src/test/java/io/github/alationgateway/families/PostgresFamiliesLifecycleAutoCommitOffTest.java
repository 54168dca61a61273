package io.github.alationgateway.families;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link PostgresFamiliesLifecycleTest} with the pool's auto-commit off. */
@AutoCommitOff
class PostgresFamiliesLifecycleAutoCommitOffTest extends PostgresFamiliesLifecycleTest {}
