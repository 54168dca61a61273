package io.github.alationgateway.bench.clients;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client measured in a JVM of its own (so that no other client's classes, threads or JIT work are counted):
 * {@code threads} callers, each polling the stub in a loop and reading the answer's {@code status} as the
 * gateway does, warmed up first, then counted. Prints one {@code result} line for {@link ClientBenchmark}.
 *
 * <p>Arguments: client name, stub URL, threads, warm-up seconds, measured seconds, {@code virtual} or
 * {@code platform}.
 */
public final class ClientRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClientRun() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String url = args[1];
        int threads = Integer.parseInt(args[2]);
        long warmNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        long measureNanos = Long.parseLong(args[4]) * 1_000_000_000L;
        boolean virtual = "virtual".equals(args[5]);

        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (Wire wire = Wire.named(name, threads)) {
            ExecutorService callers = virtual ? virtualThreads() : Executors.newFixedThreadPool(threads);
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * 1_000_000;
                loops.add(callers.submit(() -> {
                    for (int id = first; !stop.get(); id++) {
                        try {
                            JsonNode status = JSON.readTree(wire.get(url + "?id=" + id));
                            if (!"running".equals(status.path("status").asString())) {
                                throw new IllegalStateException("unexpected answer " + status);
                            }
                            calls.incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(warmNanos / 1_000_000);
            long calls0 = calls.get();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(measureNanos / 1_000_000);
            long calls1 = calls.get();
            long cpu1 = cpuNanos();
            long t1 = System.nanoTime();
            stop.set(true);
            for (Future<?> loop : loops) loop.get();
            callers.shutdown();
            System.out.printf(
                    Locale.ROOT,
                    "result calls=%d cpu_ns=%d wall_ns=%d errors=%d first_error=%s%n",
                    calls1 - calls0,
                    cpu1 - cpu0,
                    t1 - t0,
                    errors.get(),
                    firstError.get() == null ? "-" : firstError.get().replace(' ', '_'));
        }
        System.exit(0);
    }

    /** JDK 21+ only; the bench is compiled for 17, so the factory is looked up rather than named. */
    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
