package policykg.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Runs a throw-away Neo4j Community for the policykg test suite.
 *
 * <p>Bolt listens on a free localhost port with authentication on and a freshly generated
 * password, so tests exercise the same login path as a real server. The connection details are
 * printed as {@code KEY=value} lines followed by {@code READY}; the server stops when standard
 * input closes (the parent went away) or on SIGTERM/SIGINT.
 *
 * <p>{@code --copy-from DIR} starts from the store files under {@code DIR/databases/neo4j} (as
 * written by {@code neo4j-admin database import full}), which is how the bulk-import CSVs are
 * checked against a real server.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    private Launcher() {}

    public static void main(String[] args) throws IOException {
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                // The machine is shared: a small page cache is plenty for test graphs.
                .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
                // A short lock wait turns lock contention into a transient error the client
                // retries, which is what the retry test relies on.
                .withConfig(GraphDatabaseSettings.lock_acquisition_timeout, Duration.ofSeconds(1));
        if (args.length == 2 && args[0].equals("--copy-from")) {
            builder = builder.copyFrom(Path.of(args[1]));
        } else if (args.length != 0) {
            System.err.println("usage: Launcher [--copy-from DATA_DIR]");
            System.exit(2);
        }
        Neo4j neo4j = builder.build();
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                neo4j.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop));

        String password = generatePassword();
        neo4j.databaseManagementService()
                .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally(
                        "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));

        System.out.println("NEO4J_URI=" + neo4j.boltURI());
        System.out.println("NEO4J_USER=" + USER);
        System.out.println("NEO4J_PASSWORD=" + password);
        System.out.println("READY");
        System.out.flush();

        waitForEndOfInput(System.in);
        stop.run();
        System.exit(0);
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
