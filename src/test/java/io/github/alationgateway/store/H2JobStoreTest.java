package io.github.alationgateway.store;

class H2JobStoreTest extends JobStoreContract {}
