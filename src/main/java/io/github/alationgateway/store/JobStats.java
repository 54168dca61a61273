package io.github.alationgateway.store;

import java.util.Map;

public record JobStats(Map<String, Long> byStatus, Map<String, Long> byKind, Map<String, Long> byInstance) {}
