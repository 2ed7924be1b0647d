package gw.traces.testing;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL server for a test class: {@code initdb} (password login with
 * scram-sha-256, PostgreSQL's default) into a temporary directory, {@code pg_ctl} on a free loopback
 * port, stopped and deleted after the class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresServer postgres = new PostgresServer();
 * ... postgres.freshDatabase() // "postgresql://gw:<password>@127.0.0.1:<port>/db_1", empty
 * ... PgTraceStore.open(postgres.vertx(), ...) // a Vert.x for the clients under test, closed with the server
 * }</pre>
 *
 * <p>initdb and pg_ctl refuse to run as root, so as root they run as the {@code postgres} user
 * (Debian's packages create it), which then owns the directory.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
  public static final String USER = "gw";
  private static final long START_SECONDS = 60;

  private final AtomicInteger databases = new AtomicInteger();
  private final String password = HexFormat.of().formatHex(randomBytes());
  private Path dir;
  private int port;
  private Thread cleanup;
  private Vertx vertx;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("gw-pg");
    cleanup = new Thread(this::stopAndDelete, "postgres-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
    if (asRoot()) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
    run(asOwner(binary("initdb"), "-D", data().toString(), "--auth=scram-sha-256", "--pwfile=" + pwfile,
        "-U", USER, "--no-sync", "--encoding=UTF8", "--locale=C"));
    port = freePort();
    start();
    vertx = Vertx.vertx();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      vertx.close().await();
    } finally {
      stopAndDelete();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  /** A Vert.x instance for the stores a test opens against this server. */
  public Vertx vertx() {
    return vertx;
  }

  /** The URL of a new, empty database on this server, as {@code --store-url} takes it. */
  public String freshDatabase() {
    String name = "db_" + databases.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name);
    return url(name);
  }

  public String url(String database) {
    return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + database;
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** Runs statements as the superuser on one database, over plain JDBC (no store code). */
  public void execute(String database, String... statements) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + List.of(statements) + " on " + database + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query, as a number. */
  public long count(String database, String sql) {
    try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql + " on " + database + ": " + e.getMessage(), e);
    }
  }

  /** A plain JDBC connection as the superuser, as any other PostgreSQL client would open it. */
  public Connection connect(String database) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", USER);
    login.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, login);
  }

  /** Shuts the server down (fast: open sessions are ended), so a test can see the stores lose it. */
  public void stop() {
    run(asOwner(binary("pg_ctl"), "-D", data().toString(), "stop", "-m", "fast", "-w"));
  }

  /** Starts it again on the same port and data. */
  public void start() {
    run(asOwner(binary("pg_ctl"), "-D", data().toString(), "-l", dir.resolve("server.log").toString(),
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start", "-w",
        "-t", String.valueOf(START_SECONDS)));
  }

  private void stopAndDelete() {
    if (dir == null) {
      return;
    }
    try {
      if (Files.exists(data().resolve("postmaster.pid"))) {
        run(asOwner(binary("pg_ctl"), "-D", data().toString(), "stop", "-m", "immediate", "-w"));
      }
    } finally {
      deleteTree(dir);
      dir = null;
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private static List<String> asOwner(String... command) {
    List<String> full = new ArrayList<>();
    if (asRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The newest installed PostgreSQL's binary (Debian puts each version under /usr/lib/postgresql/N/bin). */
  private static String binary(String name) {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
          .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString())))
          .orElseThrow().toString();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("no PostgreSQL " + name + " under /usr/lib/postgresql/*/bin: install the "
          + "postgresql package (./gw test does)", e);
    }
  }

  private static void run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(START_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
