package gw.gateway.state;

import gw.traces.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The control-store contract suite: each subclass runs once against SQLite and once against
 * PostgreSQL (one server per class), every test in a {@link #place} of its own.
 */
@ParameterizedClass
@EnumSource(ControlStores.class)
abstract class ControlStoreSuite {
  @RegisterExtension
  static final PostgresServer postgres = new PostgresServer();

  @Parameter
  ControlStores kind;
  @TempDir
  Path dir;
  ControlStores.Place place;

  @BeforeEach
  final void place() {
    place = kind.place(dir, postgres);
  }
}
