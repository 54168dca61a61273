package io.github.alationgateway.bench;

import io.github.alationgateway.alation.AlationClient;
import io.github.alationgateway.alation.AlationJobRef;
import io.github.alationgateway.alation.BenchClient;
import io.github.alationgateway.bench.clients.StubProcess;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Polls per second, poll lag, database statements per poll and heap, for H2 and PostgreSQL with 1 and 3
 * replicas, against a stub of Alation answering after a fixed latency in a JVM of its own (so that the CPU counted
 * here is the gateway's), beside wrk's and the gateway's HTTP client's rates against the same stub on their own.
 * Run: {@code bench/run.sh} (see there for the settings).
 */
public final class PollBenchmark {

    static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 5);
    static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    static final int IN_FLIGHT = Integer.getInteger("bench.max-in-flight", 64);
    static final int BATCH = Integer.getInteger("bench.batch-size", 200);
    static final String SCENARIOS = System.getProperty("bench.scenarios", "h2:1,h2:3,postgresql:1,postgresql:3");
    static final String PG_URL = System.getProperty("bench.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("bench.pg-user", "postgres");
    static final String PG_PASSWORD = System.getProperty("bench.pg-password", "");
    static final int SATURATING_JOBS = Integer.getInteger("bench.saturating-jobs", 20_000);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /**
     * gateway: the gateway's own client, as it runs in production; lean: the least a client must do
     * (LeanClient), to show what the poller reaches when the client is cheap.
     */
    static final String CLIENT = System.getProperty("bench.client", "gateway");

    static final boolean LEAN = "lean".equals(CLIENT);

    static AlationClient client(StubProcess alation) {
        if (LEAN) return new LeanClient(alation.baseUrl(), Duration.ofSeconds(2));
        return BenchClient.gatewayClient(alation.baseUrl(), Duration.ofSeconds(2));
    }

    static String clientName() {
        if (LEAN) return "a lean JDK HttpClient + Jackson client (bench only, LeanClient)";
        return "the gateway's own RestAlationClient";
    }

    record Row(
            String database,
            int replicas,
            double clientAlone,
            double clientCpuMicrosPerPoll,
            double jvmCpuMicrosPerPoll,
            double postgresCpuMicrosPerPoll,
            double pollsPerSecond,
            double offered,
            double halfPollsPerSecond,
            long lagP50Micros,
            long lagP99Micros,
            double statementsPerPoll,
            double roundTripsPerPoll,
            double halfStatementsPerPoll,
            long heapMb) {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "Machine: %d cores, %s, load average %.2f; fake Alation latency %d ms; %d s a phase%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                LATENCY_MS,
                SECONDS);
        if (!SCENARIOS.isBlank()) measureScenarios();
        if (Boolean.parseBoolean(System.getProperty("bench.explain", "true"))) ClaimPlan.run();
        System.exit(0);
    }

    static void measureScenarios() throws Exception {
        // Alation is a stub in a JVM of its own: this JVM's CPU is then the gateway's (and its client's) alone.
        try (StubProcess alation = StubProcess.start(LATENCY_MS, 2)) {
            System.out.println(alation.rawLimit(IN_FLIGHT, SECONDS));
            Alone bare = bareJdkClient(alation, IN_FLIGHT);
            System.out.printf(
                    Locale.ROOT,
                    "bare JDK HttpClient (HTTP/1.1, no Spring, no JSON), %d threads: %.0f polls/s, %.0f µs CPU/poll%n",
                    IN_FLIGHT,
                    bare.pollsPerSecond(),
                    bare.cpuMicrosPerPoll());
            double asIs = rawClient(alation, IN_FLIGHT).pollsPerSecond();
            System.out.printf(
                    Locale.ROOT, "the gateway's RestAlationClient alone, %d threads: %.0f polls/s%n", IN_FLIGHT, asIs);
            List<Row> rows = new ArrayList<>();
            for (String scenario : SCENARIOS.split(",")) {
                String[] parts = scenario.trim().split(":");
                // Measured just before each scenario: the machine is shared and its load drifts by the minute.
                Alone raw = load(client(alation), IN_FLIGHT);
                rows.add(run(parts[0], Integer.parseInt(parts[1]), alation, raw));
                System.out.println("done: " + rows.get(rows.size() - 1));
            }
            printTable(rows, asIs);
        }
    }

    record Alone(double pollsPerSecond, double cpuMicrosPerPoll) {}

    /** What any Java client could reach here: the JDK's HttpClient on its own, a floor for the client's cost. */
    static Alone bareJdkClient(StubProcess alation, int threads) throws InterruptedException {
        var http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        AlationClient client = new AlationClient() {
            @Override
            public java.util.Set<String> instances() {
                return java.util.Set.of("default");
            }

            @Override
            public io.github.alationgateway.alation.JobStatusAnswer fetchStatus(String instance, AlationJobRef job) {
                try {
                    http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(alation.statusUrl() + "?id=" + job.id()))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return load(client, threads);
    }

    /** The rate the gateway's client reaches with as many threads as the poller has calls in flight. */
    static Alone rawClient(StubProcess alation, int threads) throws InterruptedException {
        return load(BenchClient.gatewayClient(alation.baseUrl(), Duration.ofSeconds(2)), threads);
    }

    static Alone load(AlationClient client, int threads) throws InterruptedException {
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(SECONDS);
        long[] cpu = new long[2];
        Thread cpuProbe = new Thread(() -> {
            LockSupportSleep.until(warmUpEnd);
            cpu[0] = CpuTime.jvmNanos();
            LockSupportSleep.until(end);
            cpu[1] = CpuTime.jvmNanos();
        });
        cpuProbe.start();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            pool.execute(() -> {
                long id = offset;
                while (System.nanoTime() < end) {
                    client.fetchStatus("default", AlationJobRef.ofId(id += threads));
                    if (System.nanoTime() > warmUpEnd) done.increment();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(SECONDS + 30, TimeUnit.SECONDS);
        cpuProbe.join();
        return new Alone(done.sum() / (double) SECONDS, (cpu[1] - cpu[0]) / 1000.0 / Math.max(1, done.sum()));
    }

    static Row run(String database, int replicas, StubProcess alation, Alone clientAlone) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.location=classpath:/",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--gateway.instances.default.base-url=" + alation.baseUrl(),
                "--gateway.instances.default.access-token=bench",
                "--gateway.poll.interval=" + INTERVAL.toMillis() + "ms",
                "--gateway.poll.max-interval=" + INTERVAL.toMillis() + "ms",
                "--gateway.poll.request-timeout=2s",
                "--gateway.poll.max-in-flight=" + IN_FLIGHT,
                "--gateway.poll.batch-size=" + BATCH,
                "--gateway.instances.default.max-concurrent-requests=1024",
                "--gateway.instances.default.max-requests-per-second=0"));
        String schema = null;
        if (database.equals("h2")) {
            args.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        } else {
            schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                c.createStatement().execute("create schema " + schema);
            }
            args.add("--spring.datasource.url=" + PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                    + schema + "&ApplicationName=gateway-bench" + System.getProperty("bench.pg-url-options", ""));
            args.add("--spring.datasource.username=" + PG_USER);
            args.add("--spring.datasource.password=" + PG_PASSWORD);
            args.add("--spring.flyway.schemas=" + schema);
        }
        try (Replicas gateway = new Replicas(
                replicas, args, LEAN ? () -> client(alation) : null)) {
            JdbcTemplate jdbc = gateway.bean(JdbcTemplate.class);

            // Saturated: far more jobs due each second than the replicas can poll.
            seed(jdbc, SATURATING_JOBS, Duration.ZERO);
            Measured saturated = measure(gateway, alation, Duration.ofSeconds(3));

            // Half load: half that rate falls due, evenly, every second; lag is how late each claim comes.
            clear(jdbc, database);
            int jobs = (int) Math.max(1, saturated.pollsPerSecond() / 2 * INTERVAL.toMillis() / 1000.0);
            seed(jdbc, jobs, INTERVAL);
            Measured half = measure(gateway, alation, Duration.ofSeconds(3));
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            return new Row(
                    database,
                    replicas,
                    clientAlone.pollsPerSecond(),
                    clientAlone.cpuMicrosPerPoll(),
                    saturated.jvmCpuNanos() / 1000.0 / saturated.polls(),
                    saturated.postgresCpuNanos() / 1000.0 / saturated.polls(),
                    saturated.pollsPerSecond(),
                    jobs / (INTERVAL.toMillis() / 1000.0),
                    half.pollsPerSecond(),
                    half.percentile(0.50),
                    half.percentile(0.99),
                    saturated.statementsPerPoll(),
                    saturated.roundTripsPerPoll(),
                    half.statementsPerPoll(),
                    heap);
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                    c.createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
    }

    record Measured(
            double pollsPerSecond,
            long polls,
            StatementCounter.Snapshot db,
            long[] lags,
            long jvmCpuNanos,
            long postgresCpuNanos) {
        double statementsPerPoll() {
            return db.statements() / (double) polls;
        }

        double roundTripsPerPoll() {
            return db.roundTrips() / (double) polls;
        }

        long percentile(double p) {
            if (lags.length == 0) return -1;
            return lags[(int) Math.min(lags.length - 1, Math.floor(p * lags.length))];
        }
    }

    static Measured measure(Replicas gateway, StubProcess alation, Duration warmUp) throws InterruptedException {
        Thread.sleep(warmUp.toMillis());
        gateway.lagMicros.clear();
        gateway.recordLag = true;
        List<Integer> backends = backends(gateway.bean(JdbcTemplate.class));
        long jvm = CpuTime.jvmNanos();
        long postgres = CpuTime.postgresNanos(backends);
        long polls = alation.answered();
        StatementCounter.Snapshot db = gateway.counter.snapshot();
        long start = System.nanoTime();
        Thread.sleep(SECONDS * 1000L);
        long n = alation.answered() - polls;
        double seconds = (System.nanoTime() - start) / 1e9;
        StatementCounter.Snapshot used = gateway.counter.snapshot().minus(db);
        long jvmUsed = CpuTime.jvmNanos() - jvm;
        long postgresUsed = CpuTime.postgresNanos(backends) - postgres;
        gateway.recordLag = false;
        long[] lags = gateway.lagMicros.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(lags);
        return new Measured(n / seconds, n, used, lags, jvmUsed, postgresUsed);
    }

    /** The benchmark's own PostgreSQL backends; none on H2. */
    static List<Integer> backends(JdbcTemplate jdbc) {
        try {
            return jdbc.queryForList(
                    "select pid from pg_stat_activity where application_name = 'gateway-bench'", Integer.class);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Deletes every job under the pollers' feet. On PostgreSQL the table lock comes first, so the delete cannot
     * deadlock with an outcome batch that holds some rows and wants others.
     */
    static void clear(JdbcTemplate jdbc, String database) {
        var tx = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        tx.executeWithoutResult(status -> {
            if (!database.equals("h2")) jdbc.execute("lock table jobs in exclusive mode");
            jdbc.update("delete from job_logs");
            jdbc.update("delete from jobs");
        });
    }

    /** Running jobs, due spread evenly over {@code spread} from now, straight into the table. */
    static void seed(JdbcTemplate jdbc, int count, Duration spread) {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(1000);
        for (int i = 1; i <= count; i++) {
            Instant due = now.plusMillis(spread.toMillis() * (i - 1) / count);
            rows.add(new Object[] {
                UUID.randomUUID().toString(), "id:" + i, (long) i, Timestamp.from(now), Timestamp.from(due)
            });
            if (rows.size() == 1000 || i == count) {
                jdbc.batchUpdate(
                        "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, alation_status,"
                                + " msg, registered_at, next_poll_at, version)"
                                + " values (?, 'default', ?, ?, 'GENERIC', 'RUNNING', 'running', 'Job is running',"
                                + " ?, ?, 0)",
                        rows);
                rows.clear();
            }
        }
    }

    static void printTable(List<Row> rows, double asIs) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Fake Alation answering in %d ms. Client: %s (the gateway's client alone: %.0f polls/s)."
                        + " %d in flight per replica (the client alone: %d threads), claim batch %d; load average"
                        + " at the end %.2f.%n%n",
                LATENCY_MS,
                clientName(),
                asIs,
                IN_FLIGHT,
                IN_FLIGHT,
                BATCH,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| Database | Replicas | Client alone, just before | Polls/s saturated | vs. client alone"
                + " | CPU µs/poll: client alone → gateway JVM + PostgreSQL backends | 2 cores ÷ CPU per poll | Half load: jobs due each ~1 s → polled/s"
                + " | Lag p50 | Lag p99 | SQL statements/poll (saturated / half) | Round trips/poll | Heap after GC |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %.0f | %.0f%% | %.0f → %.0f + %.0f | %.0f | %.0f → %.0f | %s | %s | %.2f / %.2f"
                            + " | %.2f | %d MB |%n",
                    r.database().equals("h2") ? "H2 (in-memory)" : "PostgreSQL 15",
                    r.replicas(),
                    r.clientAlone(),
                    r.pollsPerSecond(),
                    100 * r.pollsPerSecond() / r.clientAlone(),
                    r.clientCpuMicrosPerPoll(),
                    r.jvmCpuMicrosPerPoll(),
                    r.postgresCpuMicrosPerPoll(),
                    2e6 / (r.jvmCpuMicrosPerPoll() + r.postgresCpuMicrosPerPoll()),
                    r.offered(),
                    r.halfPollsPerSecond(),
                    millis(r.lagP50Micros()),
                    millis(r.lagP99Micros()),
                    r.statementsPerPoll(),
                    r.halfStatementsPerPoll(),
                    r.roundTripsPerPoll(),
                    r.heapMb());
        }
    }

    /** Sleeps until a System.nanoTime() deadline. */
    static final class LockSupportSleep {
        static void until(long deadline) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.0f ms", micros / 1000.0);
    }
}
