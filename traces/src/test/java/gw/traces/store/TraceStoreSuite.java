package gw.traces.store;

import gw.traces.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trace-store contract suite: each subclass runs once against SQLite and once against
 * PostgreSQL (one server per class), every test in a {@link #place} of its own.
 */
@ParameterizedClass
@EnumSource(TraceStores.class)
abstract class TraceStoreSuite {
  @RegisterExtension
  static final PostgresServer postgres = new PostgresServer();

  @Parameter
  TraceStores kind;
  @TempDir
  Path dataDir;
  TraceStores.Place place;

  @BeforeEach
  final void place() {
    place = kind.place(dataDir, postgres);
  }
}
