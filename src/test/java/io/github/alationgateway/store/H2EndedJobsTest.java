package io.github.alationgateway.store;

class H2EndedJobsTest extends EndedJobsContract {}
