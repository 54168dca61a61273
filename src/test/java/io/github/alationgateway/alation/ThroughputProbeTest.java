package io.github.alationgateway.alation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough measure of polls per second with the limits lifted, against an in-process stub that answers at once.
 * Off by default (it burns CPU for ~20 s); run with {@code -Dprobe.throughput=true -Dtest=ThroughputProbeTest}.
 * The stub shares the CPU with the client, so the number is a floor for the client alone.
 */
@EnabledIfSystemProperty(named = "probe.throughput", matches = "true")
class ThroughputProbeTest {

    private static final int THREADS = Integer.getInteger("probe.threads", 16);

    @Test
    void pollsPerSecond() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle + delayed ACK cap the stub
        byte[] body =
                "{\"status\":\"running\",\"msg\":\"Job is running\",\"result\":null}".getBytes(StandardCharsets.UTF_8);
        HttpServer alation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        alation.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        alation.setExecutor(Executors.newFixedThreadPool(THREADS));
        alation.start();
        ExecutorService pollers = Executors.newFixedThreadPool(THREADS);
        try {
            RestAlationClient client = Instances.anInstance(
                            "http://127.0.0.1:" + alation.getAddress().getPort())
                    .accessToken("t")
                    .maxConcurrent(THREADS * 2)
                    .perSecond(0)
                    .client(Clock.systemUTC(), new SimpleMeterRegistry());
            for (int round = 0; round < 5; round++) { // the first rounds warm the JIT up
                AtomicLong answered = new AtomicLong();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                CountDownLatch done = new CountDownLatch(THREADS);
                for (int t = 0; t < THREADS; t++) {
                    pollers.execute(() -> {
                        long i = 0;
                        while (System.nanoTime() < end) {
                            JobStatusAnswer answer =
                                    client.fetchStatus(Instances.NAME, AlationJobRef.ofName("Extraction#" + i++));
                            if (answer instanceof JobStatusAnswer.Status) {
                                answered.incrementAndGet();
                            }
                        }
                        done.countDown();
                    });
                }
                done.await();
                System.out.printf("round %d: %d polls/s%n", round, answered.get() / 4);
                assertThat(answered.get()).isPositive();
            }
        } finally {
            pollers.shutdownNow();
            alation.stop(0);
        }
    }
}
