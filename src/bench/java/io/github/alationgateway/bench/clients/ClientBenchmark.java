package io.github.alationgateway.bench.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The candidate HTTP clients for the poll, measured by CPU per call and calls per second against one local stub
 * of Alation's job API ({@link StubAlation}, a process of its own), each client in a fresh JVM
 * ({@link ClientRun}), on this JVM's Java and on Java 25 where it is installed (virtual threads there too). The
 * raw limit of the same stub is measured in the same run with wrk, when it is installed.
 *
 * <p>{@code -Dbench.clients=jdk,apache5,jetty,reactor-netty}, {@code -Dbench.threads=16},
 * {@code -Dbench.warm-seconds=5}, {@code -Dbench.seconds=10}, {@code -Dbench.latency-ms=0},
 * {@code -Dbench.java25=/usr/lib/jvm/temurin-25-jdk-amd64}.
 */
public final class ClientBenchmark {

    private static final List<String> CLIENTS =
            List.of(System.getProperty("bench.clients", "jdk,apache5,jetty,reactor-netty").split(","));
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final int WARM = Integer.getInteger("bench.warm-seconds", 5);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 0);
    private static final Path JAVA25 = Path.of(System.getProperty("bench.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final Pattern RESULT = Pattern.compile(
            "result calls=(\\d+) cpu_ns=(\\d+) wall_ns=(\\d+) errors=(\\d+) first_error=(\\S+)");

    private ClientBenchmark() {}

    public static void main(String[] args) throws Exception {
        String ownJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        System.out.printf(
                Locale.ROOT,
                "Machine: %d cores, load average %.2f at start; %d calling threads, %d s warm-up, %d s measured,"
                        + " stub latency %d ms%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                THREADS,
                WARM,
                SECONDS,
                LATENCY_MS);
        JsonParsing.report();
        try (StubProcess stub = StubProcess.start(LATENCY_MS, 2)) {
            String url = stub.statusUrl();
            System.out.println(stub.rawLimit(THREADS, SECONDS));
            System.out.println();
            System.out.println("| client | Java | threads | calls/s | CPU µs a call (client JVM) | errors |");
            System.out.println("|---|---|---|---|---|---|");
            List<String[]> javas = new ArrayList<>();
            javas.add(new String[] {ownJava, Runtime.version().feature() + ""});
            Path java25 = JAVA25.resolve("bin/java");
            if (Files.isExecutable(java25) && Runtime.version().feature() != 25) {
                javas.add(new String[] {java25.toString(), "25"});
            }
            for (String[] java : javas) {
                boolean hasVirtual = Integer.parseInt(java[1]) >= 21;
                for (String client : CLIENTS) {
                    run(java, client, url, "platform");
                    if (hasVirtual && !client.equals("reactor-netty")) run(java, client, url, "virtual");
                }
            }
        }
    }

    private static void run(String[] java, String client, String url, String threads) throws Exception {
        Process process = StubProcess.java(
                java[0],
                ClientRun.class,
                client,
                url,
                String.valueOf(THREADS),
                String.valueOf(WARM),
                String.valueOf(SECONDS),
                threads);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            System.out.printf("| %s | %s | %s | failed: %s |%n", client, java[1], threads, output.strip());
            return;
        }
        long calls = Long.parseLong(m.group(1));
        double seconds = Long.parseLong(m.group(3)) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %d %s | %,.0f | %.0f | %s%s |%n",
                client,
                java[1],
                THREADS,
                threads,
                calls / seconds,
                calls == 0 ? Double.NaN : Long.parseLong(m.group(2)) / 1e3 / calls,
                m.group(4),
                m.group(4).equals("0") ? "" : " (" + m.group(5) + ")");
    }
}
