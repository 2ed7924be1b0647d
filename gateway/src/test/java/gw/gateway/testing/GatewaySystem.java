package gw.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link GatewayHarness} (real mock + real gateway on free ports, in a
 * data directory of its own) around a test class or each test:
 *
 * <pre>{@code
 * @RegisterExtension static final GatewaySystem system = GatewaySystem.with(Options.defaults().withTimeoutMs(1_000));
 * static GatewayHarness gw; // set before any @BeforeAll method runs
 * }</pre>
 *
 * <p>Registered on a {@code static} field, one system serves the whole class: it starts before the
 * class's {@code @BeforeAll} methods and closes after its {@code @AfterAll} methods. On an instance
 * field, each test gets a fresh one, started before its {@code @BeforeEach} methods. The running
 * harness is set into the test class's fields of type {@link GatewayHarness} (static ones for a class
 * system, instance ones for a per-test system; fields must not be final) and resolves test and lifecycle
 * method parameters of that type. Closing deletes the data
 * directory; a start that fails leaves nothing running.
 */
public final class GatewaySystem implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {
  private final GatewayHarness.Options options;
  private GatewayHarness harness;
  private Path dataDir;
  private boolean perClass;

  private GatewaySystem(GatewayHarness.Options options) {
    this.options = options;
  }

  public static GatewaySystem with(GatewayHarness.Options options) {
    return new GatewaySystem(options);
  }

  public static GatewaySystem withDefaults() {
    return with(GatewayHarness.Options.defaults());
  }

  /** Where the running (or last) system keeps its traces and state. */
  Path dataDir() {
    return dataDir;
  }

  /** The running harness; only between start and close. */
  public GatewayHarness harness() {
    if (harness == null) {
      throw new IllegalStateException("the gateway system is not running: register GatewaySystem with "
          + "@RegisterExtension and use it from a test or a lifecycle method");
    }
    return harness;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    perClass = true;
    start();
    inject(context.getRequiredTestClass(), null);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      start();
      inject(context.getRequiredTestClass(), context.getRequiredTestInstance());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == GatewayHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return harness();
  }

  void start() throws IOException {
    dataDir = Files.createTempDirectory("gw-test-data");
    try {
      harness = GatewayHarness.start(dataDir, options);
    } catch (RuntimeException | Error e) {
      delete(dataDir);
      throw e;
    }
  }

  void close() {
    if (harness == null) {
      return;
    }
    try {
      harness.close();
    } finally {
      harness = null;
      delete(dataDir);
    }
  }

  /** Sets the harness into the class's fields of its type: static ones when {@code instance} is null. */
  private void inject(Class<?> testClass, Object instance) throws IllegalAccessException {
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getType() == GatewayHarness.class && Modifier.isStatic(field.getModifiers()) == (instance == null)) {
          field.setAccessible(true);
          field.set(instance, harness);
        }
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test data directory " + dir, e);
    }
  }
}
