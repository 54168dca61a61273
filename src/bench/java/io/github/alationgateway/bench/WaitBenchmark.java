package io.github.alationgateway.bench;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.waiting.JobWaits;
import io.github.alationgateway.waiting.WaitFor;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 2,000 clients each waiting for a job on one replica ({@code GET /api/v1/jobs/{id}?wait=120s}): what the open
 * waits cost in heap, what the replica spends while they wait, and how soon after its job's end each is answered.
 * Jobs are ended by writing the outcome to the database directly, as a poller on another replica would. The
 * clients are raw non-blocking sockets on one thread, so that they add next to nothing to the heap measured.
 *
 * <p>{@code -Dbench.waiters=2000}, {@code -Dbench.db=h2|postgresql} (PostgreSQL at {@code bench.pg-url}).
 */
public final class WaitBenchmark {

    private static final int WAITERS = Integer.getInteger("bench.waiters", 2_000);
    private static final String DB = System.getProperty("bench.db", "h2");
    private static final String PG_URL = System.getProperty("bench.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("bench.pg-user", "postgres");
    private static final String PG_PASSWORD = System.getProperty("bench.pg-password", "");
    private static final String KEY = "bench-key-0123456789abcdef";

    private WaitBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Machine: %d cores, %s, load average %.2f at start; %d waiters on %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                WAITERS,
                DB);
        List<String> settings = new ArrayList<>(List.of(
                "--spring.config.location=classpath:/",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--server.port=0",
                "--gateway.poll.enabled=false",
                "--gateway.instances.default.base-url=http://127.0.0.1:9",
                "--gateway.instances.default.access-token=bench",
                "--gateway.security.rate-limit.requests-per-second=0",
                "--gateway.security.api-keys[0].name=bench",
                "--gateway.security.api-keys[0].key=" + KEY,
                "--gateway.security.api-keys[0].role=reader"));
        String schema = null;
        if (DB.equals("h2")) {
            settings.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        } else {
            schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                c.createStatement().execute("create schema " + schema);
            }
            settings.add("--spring.datasource.url=" + PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                    + schema);
            settings.add("--spring.datasource.username=" + PG_USER);
            settings.add("--spring.datasource.password=" + PG_PASSWORD);
            settings.add("--spring.flyway.schemas=" + schema);
        }
        try (ConfigurableApplicationContext gateway =
                new SpringApplicationBuilder(GatewayApplication.class).run(settings.toArray(String[]::new))) {
            run(gateway);
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                    c.createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext gateway) throws Exception {
        JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
        MeterRegistry meters = gateway.getBean(MeterRegistry.class);
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        List<String> ids = seed(jdbc, WAITERS);

        // A warm-up wait, so that what is measured is the waits, not classes loaded by the first one.
        try (Clients warm = new Clients(port)) {
            warm.open(ids.subList(0, 1), "1s");
            warm.awaitAnswers(1, Duration.ofSeconds(10));
        }
        long heapBefore = usedHeapAfterGc();
        ownCost(gateway, ids, heapBefore);
        heapBefore = usedHeapAfterGc();
        try (Clients clients = new Clients(port)) {
            for (int from = 0; from < ids.size(); from += 100) {
                clients.open(ids.subList(from, Math.min(ids.size(), from + 100)), "120s");
                Thread.sleep(20);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (meters.get("gateway.waits.open").gauge().value() < WAITERS && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double open = meters.get("gateway.waits.open").gauge().value();
            long heapOpen = usedHeapAfterGc();
            System.out.printf(
                    Locale.ROOT,
                    "%,.0f waits open: heap after GC %d MB before, %d MB with them open: %.1f MB more, %.1f KB a wait%n",
                    open,
                    heapBefore >> 20,
                    heapOpen >> 20,
                    (heapOpen - heapBefore) / 1048576.0,
                    (heapOpen - heapBefore) / 1024.0 / open);

            if (Boolean.getBoolean("bench.histogram")) histogram();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            Thread.sleep(10_000);
            System.out.printf(
                    Locale.ROOT,
                    "While they wait and nothing ends: %.1f %% of one core for this JVM (10 s)%n",
                    (os.getProcessCpuTime() - cpuBefore) / 1e9 / 10 * 100);

            // The first half end one by one, 2 ms apart; the second half all in one transaction.
            int half = ids.size() / 2;
            for (String id : ids.subList(0, half)) {
                end(jdbc, List.of(id), clients);
                Thread.sleep(2);
            }
            end(jdbc, ids.subList(half, ids.size()), clients);
            clients.awaitAnswers(ids.size(), Duration.ofSeconds(60));
            report("ended one by one", clients, ids.subList(0, half));
            report("ended together", clients, ids.subList(half, ids.size()));
        }
        System.out.printf(
                Locale.ROOT,
                "Load average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * The gateway's own share of a wait, without HTTP: the same waits opened straight on {@link JobWaits}. What an
     * open HTTP request costs the web server comes on top (what Jetty keeps for a request in progress).
     */
    private static void ownCost(ConfigurableApplicationContext gateway, List<String> ids, long heapBefore)
            throws InterruptedException {
        JobWaits waits = gateway.getBean(JobWaits.class);
        MeterRegistry meters = gateway.getBean(MeterRegistry.class);
        List<Object> held = new ArrayList<>();
        for (String id : ids) held.add(waits.awaitOne(id, WaitFor.JOB, Duration.ofSeconds(30)));
        long heapOpen = usedHeapAfterGc();
        System.out.printf(
                Locale.ROOT,
                "%,d waits opened without HTTP: %.1f MB more heap, %.2f KB a wait (the gateway's own share)%n",
                held.size(),
                (heapOpen - heapBefore) / 1048576.0,
                (heapOpen - heapBefore) / 1024.0 / held.size());
        while (meters.get("gateway.waits.open").gauge().value() > 0) Thread.sleep(200);
        held.clear();
    }

    private static void report(String label, Clients clients, List<String> ids) {
        long[] millis = ids.stream()
                .mapToLong(id -> {
                    Long ended = clients.endedAt.get(id);
                    Long answered = clients.answeredAt.get(id);
                    return ended == null || answered == null ? Long.MAX_VALUE : (answered - ended) / 1_000_000;
                })
                .sorted()
                .toArray();
        long missing = Arrays.stream(millis).filter(m -> m == Long.MAX_VALUE).count();
        long late = Arrays.stream(millis).filter(m -> m > 1000).count();
        long ok = ids.stream().filter(id -> "200".equals(clients.statusOf.get(id))).count();
        System.out.printf(
                Locale.ROOT,
                "%s (%d): answered after the end p50 %d ms, p99 %d ms, max %d ms; over 1 s: %d; unanswered: %d;"
                        + " 200s: %d%n",
                label,
                ids.size(),
                millis[millis.length / 2],
                millis[(int) Math.ceil(millis.length * 0.99) - 1],
                millis[millis.length - 1],
                late,
                missing,
                ok);
    }

    private static void end(JdbcTemplate jdbc, List<String> ids, Clients clients) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = ids.stream().map(id -> new Object[] {now, id}).toList();
        jdbc.batchUpdate(
                "update jobs set status = 'SUCCESSFUL', finished_at = ?, next_poll_at = null, version = version + 1"
                        + " where id = ?",
                rows);
        long committed = System.nanoTime();
        ids.forEach(id -> clients.endedAt.put(id, committed));
    }

    private static List<String> seed(JdbcTemplate jdbc, int count) {
        List<String> ids = new ArrayList<>(count);
        List<Object[]> rows = new ArrayList<>(count);
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            rows.add(new Object[] {id, "id:" + (i + 1), i + 1L, now});
        }
        jdbc.batchUpdate(
                "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at, version)"
                        + " values (?, 'default', ?, ?, 'GENERIC', 'RUNNING', ?, 0)",
                rows);
        return ids;
    }

    /** What the heap holds while the waits are open, largest first ({@code -Dbench.histogram=true}). */
    private static void histogram() throws Exception {
        Process jmap = new ProcessBuilder("jmap", "-histo:live", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(jmap.getInputStream()))) {
            lines.lines().limit(40).forEach(System.out::println);
        }
        jmap.waitFor();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** HTTP/1.1 clients as bare sockets on one selector thread: a request each, the time its answer begins. */
    private static final class Clients implements AutoCloseable {

        final Map<String, Long> endedAt = new ConcurrentHashMap<>();
        final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        final Map<String, String> statusOf = new ConcurrentHashMap<>();
        private final int port;
        private final Selector selector;
        private final ConcurrentLinkedQueue<SocketChannel> toRegister = new ConcurrentLinkedQueue<>();
        private final Map<SocketChannel, String> jobOf = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean running = true;

        Clients(int port) throws IOException {
            this.port = port;
            this.selector = Selector.open();
            this.reader = new Thread(this::read, "bench-wait-clients");
            reader.start();
        }

        void open(List<String> ids, String wait) throws IOException {
            for (String id : ids) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                String request = "GET /api/v1/jobs/" + id + "?wait=" + wait + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + KEY + "\r\nConnection: close\r\n\r\n";
                channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                channel.configureBlocking(false);
                jobOf.put(channel, id);
                toRegister.add(channel);
            }
            selector.wakeup();
        }

        void awaitAnswers(int count, Duration atMost) throws InterruptedException {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (answeredAt.size() < count && System.nanoTime() < deadline) Thread.sleep(20);
        }

        private void read() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (running) {
                try {
                    selector.select(100);
                    for (SocketChannel channel; (channel = toRegister.poll()) != null; ) {
                        channel.register(selector, SelectionKey.OP_READ);
                    }
                    long now = System.nanoTime();
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel channel = (SocketChannel) key.channel();
                        String id = jobOf.get(channel);
                        buffer.clear();
                        int n = channel.read(buffer);
                        if (n > 0 && !answeredAt.containsKey(id)) {
                            answeredAt.put(id, now);
                            String head = new String(buffer.array(), 0, Math.min(n, 12), StandardCharsets.US_ASCII);
                            statusOf.put(id, head.length() >= 12 ? head.substring(9, 12) : "?");
                        }
                        if (n < 0) {
                            key.cancel();
                            channel.close();
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    System.out.println("client: " + e);
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            reader.join();
            for (SocketChannel channel : jobOf.keySet()) channel.close();
            selector.close();
        }
    }
}
