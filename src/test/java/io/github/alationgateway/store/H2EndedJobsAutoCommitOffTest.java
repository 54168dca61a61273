package io.github.alationgateway.store;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2EndedJobsTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2EndedJobsAutoCommitOffTest extends H2EndedJobsTest {}
