package io.github.alationgateway.stream;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2StreamTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2StreamAutoCommitOffTest extends H2StreamTest {}
