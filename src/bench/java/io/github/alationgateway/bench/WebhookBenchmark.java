package io.github.alationgateway.bench;

import io.github.alationgateway.GatewayApplication;
import io.github.alationgateway.support.CountingAlation;
import io.github.alationgateway.support.WebhookReceiver;
import io.github.alationgateway.support.WebhookReceiver.Received;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Webhook deliveries per second of one replica to a fast local receiver (answers 200 at once), and the lag from a
 * job's end (its job.ended event) to the receiver getting it, with jobs ending at a steady rate. One replica per
 * database, default endpoint settings (max-concurrent 4). Run: {@code bench/webhooks.sh}.
 */
public final class WebhookBenchmark {

    static final int DELIVERIES = Integer.getInteger("bench.deliveries", 10_000);
    static final int LAG_JOBS_PER_SECOND = Integer.getInteger("bench.lag-rate", 100);
    static final int LAG_SECONDS = Integer.getInteger("bench.lag-seconds", 20);
    static final String DATABASES = System.getProperty("bench.databases", "h2,postgresql");
    static final String PG_URL = System.getProperty("bench.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("bench.pg-user", "postgres");
    static final String PG_PASSWORD = System.getProperty("bench.pg-password", "");

    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "Webhook benchmark: %d deliveries, then %d jobs/s ending for %d s; %s%n",
                DELIVERIES, LAG_JOBS_PER_SECOND, LAG_SECONDS, java.nio.file.Files.readString(
                                java.nio.file.Path.of("/proc/loadavg"))
                        .trim());
        System.out.printf(
                Locale.ROOT,
                "Raw limit: %,.0f POSTs/s from 4 bare JDK HttpClient senders to the same receiver (no database)%n",
                rawLimit());
        System.out.println("| database | deliveries/s (1 replica) | lag p50 / p99 / max, job end to delivery |");
        System.out.println("|---|---|---|");
        for (String database : DATABASES.split(",")) run(database.trim());
        System.exit(0);
    }

    /**
     * The ceiling the gateway is measured against: the receiver answering 4 senders at once (the default
     * {@code max-concurrent}) that do nothing but POST an event-sized body, as fast as they can.
     */
    static double rawLimit() throws Exception {
        String secret = WebhookReceiver.newSecret();
        try (WebhookReceiver receiver = WebhookReceiver.start(secret)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build();
            String body = "{\"id\":\"x\",\"type\":\"job.ended\",\"data\":{\"id\":\"" + "j".repeat(900) + "\"}}";
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(receiver.url("/raw")))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build();
            int each = Math.max(250, DELIVERIES / 4);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                }));
            }
            for (var sender : senders) sender.get();
            double perSecond = 4.0 * each / ((System.nanoTime() - start) / 1e9);
            pool.shutdown();
            return perSecond;
        }
    }

    static void run(String database) throws Exception {
        String secret = WebhookReceiver.newSecret();
        String schema = null;
        List<String> args = new ArrayList<>();
        try (WebhookReceiver receiver = WebhookReceiver.start(secret);
                CountingAlation alation = CountingAlation.start(2_000, 0, 32)) {
            args.addAll(List.of(
                    "--spring.config.location=classpath:/",
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN",
                    "--gateway.instances.default.base-url=" + alation.baseUrl(),
                    "--gateway.instances.default.access-token=bench",
                    "--gateway.instances.default.max-concurrent-requests=256",
                    "--gateway.instances.default.max-requests-per-second=0",
                    "--gateway.poll.interval=1s",
                    "--gateway.webhooks.endpoints.bench.url=" + receiver.url("/bench"),
                    "--gateway.webhooks.endpoints.bench.secret=" + secret));
            if (database.equals("h2")) {
                args.add("--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            } else {
                schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                    c.createStatement().execute("create schema " + schema);
                }
                args.add("--spring.datasource.url=" + PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema="
                        + schema);
                args.add("--spring.datasource.username=" + PG_USER);
                args.add("--spring.datasource.password=" + PG_PASSWORD);
                args.add("--spring.flyway.schemas=" + schema);
            }
            try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(args.toArray(String[]::new))) {
                JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);

                // Throughput: events and deliveries written at once, as many jobs ending together would.
                Instant start = Instant.now();
                insertEvents(jdbc, DELIVERIES, start);
                waitFor(() -> receiver.received().size() >= DELIVERIES, Duration.ofMinutes(10));
                Instant last = receiver.received().stream()
                        .map(Received::arrivedAt)
                        .max(Instant::compareTo)
                        .orElseThrow();
                double perSecond = DELIVERIES / (Duration.between(start, last).toNanos() / 1e9);

                // Lag: jobs fall due at a steady rate and end at their first poll; each job.ended is timed from
                // its event (written with the job's end) to its arrival.
                int before = receiver.received().size();
                int jobs = LAG_JOBS_PER_SECOND * LAG_SECONDS;
                insertJobs(jdbc, jobs, Instant.now().plusSeconds(1), Duration.ofSeconds(LAG_SECONDS));
                waitFor(() -> receiver.received().size() >= before + jobs, Duration.ofMinutes(5));
                List<Long> lags = receiver.received().subList(before, before + jobs).stream()
                        .map(r -> Duration.between(Instant.parse(r.event().path("at").asString()), r.arrivedAt())
                                .toMillis())
                        .sorted()
                        .toList();
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %,.0f | %d / %d / %d ms |%n",
                        database.equals("h2") ? "H2 (in memory)" : "PostgreSQL",
                        perSecond,
                        lags.get(lags.size() / 2),
                        lags.get((int) Math.ceil(lags.size() * 0.99) - 1),
                        lags.get(lags.size() - 1));
                if (receiver.received().stream().anyMatch(r -> !r.validSignature())) {
                    System.out.println("  (!) some signatures did not verify");
                }
            }
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                    c.createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
    }

    private static void insertEvents(JdbcTemplate jdbc, int count, Instant at) {
        List<Object[]> events = new ArrayList<>();
        List<Object[]> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            String job = UUID.randomUUID().toString();
            events.add(new Object[] {
                id, "job.ended", job, at.atOffset(ZoneOffset.UTC), "{\"id\": \"" + job + "\", \"status\": \"successful\"}"
            });
            deliveries.add(new Object[] {id, job, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC)});
        }
        jdbc.batchUpdate("insert into job_events (id, type, job_id, at, data) values (?, ?, ?, ?, ?)", events);
        jdbc.batchUpdate(
                "insert into webhook_deliveries (endpoint, event_id, event_type, job_id, created_at, status,"
                        + " attempts, next_attempt_at, version) values ('bench', ?, 'job.ended', ?, ?, 'pending', 0,"
                        + " ?, 0)",
                deliveries);
    }

    private static void insertJobs(JdbcTemplate jdbc, int count, Instant from, Duration spread) {
        List<Object[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            long alationId = 1_000_000L + i;
            Instant due = from.plusMillis(spread.toMillis() * i / count);
            rows.add(new Object[] {id, "id:" + alationId, alationId, Timestamp.from(from), Timestamp.from(due)});
        }
        jdbc.batchUpdate(
                "insert into jobs (id, instance, alation_key, alation_job_id, kind, status, registered_at,"
                        + " next_poll_at, version) values (?, 'default', ?, ?, 'GENERIC', 'PENDING', ?, ?, 0)",
                rows);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new IllegalStateException("not done within " + atMost);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
