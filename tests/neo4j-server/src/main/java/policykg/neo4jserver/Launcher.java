package policykg.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.fs.FileUtils;

/**
 * Runs a throw-away Neo4j Community for the policykg test suite.
 *
 * <p>Bolt listens on a free localhost port with authentication on and a freshly generated
 * password, so tests exercise the same login path as a real server. The connection details are
 * printed as {@code KEY=value} lines followed by {@code READY}; the server stops when standard
 * input closes (the parent went away) or on SIGTERM/SIGINT.
 *
 * <p>{@code --instances N} starts N independent servers in this JVM (the extra ones cost a few
 * seconds, not a JVM start): Community has one user database per server, and tests that keep a
 * populated graph for the whole session need a second server beside the one they empty per test.
 * They print {@code NEO4J_URI}, {@code NEO4J_URI_2}, … and share the password.
 *
 * <p>{@code --copy-from HOME} starts the (single) server from the store files under
 * {@code HOME/data} (as written by {@code neo4j-admin database import full} with
 * {@code NEO4J_HOME=HOME}), which is how the bulk-import CSVs are checked against a real server.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    private Launcher() {}

    public static void main(String[] args) throws IOException {
        int instances = 1;
        Path copyFrom = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 < args.length && args[i].equals("--instances")) {
                instances = Integer.parseInt(args[i + 1]);
            } else if (i + 1 < args.length && args[i].equals("--copy-from")) {
                copyFrom = Path.of(args[i + 1]);
            } else {
                System.err.println("usage: Launcher [--instances N] [--copy-from NEO4J_HOME]");
                System.exit(2);
            }
        }
        String password = generatePassword();
        // Test data is throw-away: stopping deletes the files and halts, skipping the
        // checkpoints a graceful shutdown would spend seconds on.
        Path workDir = Files.createTempDirectory("policykg-neo4j-");
        Runnable stop = () -> {
            try {
                FileUtils.deleteDirectory(workDir);
            } catch (IOException e) {
                System.err.println("could not delete " + workDir + ": " + e.getMessage());
            }
            Runtime.getRuntime().halt(0);
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop));
        // Servers start side by side: most of a start is waiting on disk and lock files.
        List<CompletableFuture<Neo4j>> starting = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Path source = i == 0 ? copyFrom : null;
            starting.add(CompletableFuture.supplyAsync(() -> start(workDir, source, password)));
        }
        for (int i = 0; i < instances; i++) {
            Neo4j server = starting.get(i).join();
            System.out.println("NEO4J_URI" + (i == 0 ? "" : "_" + (i + 1)) + "=" + server.boltURI());
        }
        System.out.println("NEO4J_USER=" + USER);
        System.out.println("NEO4J_PASSWORD=" + password);
        System.out.println("READY");
        System.out.flush();

        waitForEndOfInput(System.in);
        stop.run();
    }

    private static Neo4j start(Path workDir, Path copyFrom, String password) {
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(workDir)
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                // The machine is shared: a small page cache is plenty for test graphs.
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                // A short lock wait turns lock contention into a transient error the client
                // retries, which is what the retry test relies on.
                .withConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(1));
        if (copyFrom != null) {
            builder = builder.copyFrom(copyFrom);
        }
        Neo4j server = builder.build();
        server.databaseManagementService()
                .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally(
                        "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));
        return server;
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Input is ignored: only its end matters.
        }
    }
}
