package io.github.alationgateway.store;

class H2JobListTest extends JobListContract {}
