package io.github.alationgateway.retention;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2RetentionTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2RetentionAutoCommitOffTest extends H2RetentionTest {}
