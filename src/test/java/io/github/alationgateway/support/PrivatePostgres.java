package io.github.alationgateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, which the test may stop and start again: the machine's PostgreSQL
 * binaries ({@code /usr/lib/postgresql/<version>/bin}) run as the {@code postgres} user in a temporary folder, on
 * a free port. The shared server that other tests use is never touched. Where the binaries or the user are
 * missing, {@link #available()} says why and the test should skip (or fail under GATEWAY_REQUIRE_POSTGRES=true).
 *
 * <pre>{@code
 * try (PrivatePostgres db = PrivatePostgres.start()) {
 *     ... db.url() ...; db.stop(); ...; db.restart();
 * }
 * }</pre>
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Null when a private server can be started here, else the reason it cannot. */
    public static String unavailableReason() {
        if (binaries() == null) return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin";
        if (!"root".equals(System.getProperty("user.name")))
            return "starting PostgreSQL as the postgres user needs root (runuser)";
        return null;
    }

    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Creates a cluster in a new temporary folder and starts it; database {@code postgres}, user postgres, trust. */
    public static PrivatePostgres start() {
        String reason = unavailableReason();
        if (reason != null) throw new IllegalStateException("No private PostgreSQL: " + reason);
        try {
            Path dir = Files.createTempDirectory("gateway-private-pg-");
            run(List.of("chown", USER, dir.toString()));
            var db = new PrivatePostgres(binaries(), dir, freePort());
            db.asPostgres(
                    "initdb",
                    "-D",
                    db.data().toString(),
                    "-U",
                    USER,
                    "-A",
                    "trust",
                    "--no-sync",
                    "--encoding=UTF8",
                    "--locale=C");
            db.restart();
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a private PostgreSQL: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return USER;
    }

    public int port() {
        return port;
    }

    /** Stops the server at once (fast shutdown: open connections are cut, as when a database host goes away). */
    public void stop() {
        asPostgres("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Starts the server again on the same port and folder, and waits until it accepts connections. */
    public void restart() {
        asPostgres(
                "pg_ctl",
                "-D",
                data().toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50",
                "start");
    }

    /** Stops the server if it runs and deletes its folder. */
    @Override
    public void close() {
        try {
            if (Files.exists(data().resolve("postmaster.pid")))
                asPostgres("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void asPostgres(String tool, String... args) {
        List<String> command = new ArrayList<>(
                List.of("runuser", "-u", USER, "--", bin.resolve(tool).toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            // pg_ctl start leaves the server running with our stdout; read until pg_ctl itself exits.
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
