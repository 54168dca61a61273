package io.github.alationgateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent, which a shared machine's load changes much less than rates: this JVM's (gateway, HTTP client
 * and fake Alation alike) and the benchmark's PostgreSQL backends' (Linux /proc; 0 elsewhere).
 */
final class CpuTime {

    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ, 100 on Linux

    private CpuTime() {}

    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * utime + stime of the given PostgreSQL backends (the benchmark's own connections: other engineers share the
     * server). Background workers (WAL writer, autovacuum) are not counted.
     */
    static long postgresNanos(List<Integer> pids) {
        long ticks = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // ended meanwhile, or not on this machine
            }
        }
        return (long) (ticks * TICK_NANOS);
    }
}
