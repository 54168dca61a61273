package io.github.alationgateway.store;

class H2LeaseTest extends LeaseContract {}
