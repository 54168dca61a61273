package io.github.alationgateway.store;

class H2JobTalliesTest extends JobTalliesContract {}
