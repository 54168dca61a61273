package io.github.alationgateway.store;

class H2RegisterBatchTest extends RegisterBatchContract {}
