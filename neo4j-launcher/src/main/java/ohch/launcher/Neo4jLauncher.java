package ohch.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community as an embedded DBMS with Bolt on the loopback interface.
 *
 * <p>Configuration comes from environment variables set by the Python manager
 * (graph/local_server.py): OHCH_NEO4J_HOME, OHCH_NEO4J_BOLT_PORT, OHCH_NEO4J_PAGECACHE_MB,
 * OHCH_NEO4J_AUTH (true|false), OHCH_NEO4J_PASSWORD (read once, only to set the password on
 * the first start), OHCH_NEO4J_TX_LOG_RETENTION (how much transaction log to keep once it is
 * no longer needed for recovery: Neo4j's own default keeps two days, which on a bench or test
 * server is tens of gigabytes) and OHCH_NEO4J_PID_FILE (where this process writes its pid).
 * Heap is set with -Xms/-Xmx on the java command line.
 *
 * <p>Prints "OHCH-NEO4J-READY bolt://127.0.0.1:PORT" on stdout once Bolt accepts connections,
 * and shuts the DBMS down cleanly on SIGTERM/SIGINT through a JVM shutdown hook.
 */
public final class Neo4jLauncher {
  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Path home = Path.of(env.getOrDefault("OHCH_NEO4J_HOME", ".ohch/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(env.getOrDefault("OHCH_NEO4J_BOLT_PORT", "7687"));
    long pageCacheMb = Long.parseLong(env.getOrDefault("OHCH_NEO4J_PAGECACHE_MB", "512"));
    boolean auth = Boolean.parseBoolean(env.getOrDefault("OHCH_NEO4J_AUTH", "true"));
    String password = env.getOrDefault("OHCH_NEO4J_PASSWORD", "");
    String txLogRetention = env.getOrDefault("OHCH_NEO4J_TX_LOG_RETENTION", "1G size");
    if (auth && password.length() < 8) {
      System.err.println("OHCH_NEO4J_PASSWORD must be at least 8 characters when auth is on");
      System.exit(2);
    }
    Files.createDirectories(home);
    String pidFile = env.get("OHCH_NEO4J_PID_FILE");
    if (pidFile != null) {
      Files.writeString(Path.of(pidFile), ProcessHandle.current().pid() + "\n");
    }

    SocketAddress bolt = new SocketAddress("127.0.0.1", port);
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, bolt)
            .setConfig(BoltConnector.advertised_address, bolt)
            .setConfig(GraphDatabaseSettings.auth_enabled, auth)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .setConfig(GraphDatabaseSettings.keep_logical_logs, txLogRetention)
            .setConfig(GraphDatabaseSettings.udc_enabled, false)
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("OHCH-NEO4J-STOPPING");
                  dbms.shutdown();
                  System.out.println("OHCH-NEO4J-STOPPED");
                  stopped.countDown();
                },
                "ohch-neo4j-shutdown"));

    if (auth) {
      setPasswordOnFirstStart(dbms, home, password);
    }
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    db.executeTransactionally("RETURN 1");
    System.out.println("OHCH-NEO4J-READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  /** The initial password is set once; a marker file records that it was. */
  private static void setPasswordOnFirstStart(
      DatabaseManagementService dbms, Path home, String password) throws IOException {
    Path marker = home.resolve("password-set");
    if (Files.exists(marker)) {
      return;
    }
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    system.executeTransactionally(
        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    Files.writeString(marker, "initial password set by ohch\n");
  }
}
