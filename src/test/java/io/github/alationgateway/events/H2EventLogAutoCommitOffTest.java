package io.github.alationgateway.events;

import io.github.alationgateway.support.AutoCommitOff;

/** {@link H2EventLogTest} with the pool's auto-commit off. */
@AutoCommitOff
class H2EventLogAutoCommitOffTest extends H2EventLogTest {}
