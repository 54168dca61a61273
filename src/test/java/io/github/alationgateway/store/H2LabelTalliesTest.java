package io.github.alationgateway.store;

class H2LabelTalliesTest extends LabelTalliesContract {}
