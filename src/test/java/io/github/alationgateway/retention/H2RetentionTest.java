package io.github.alationgateway.retention;

class H2RetentionTest extends RetentionContract {}
