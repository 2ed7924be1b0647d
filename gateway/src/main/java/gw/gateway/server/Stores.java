package gw.gateway.server;

import gw.gateway.config.GatewayConfig;
import gw.gateway.state.ControlStore;
import gw.gateway.state.PgControlStore;
import gw.gateway.state.SqliteControlStore;
import gw.traces.store.PgTraceStore;
import gw.traces.store.SqliteTraceStore;
import gw.traces.store.StoreOptions;
import gw.traces.store.TraceStore;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The trace and control stores: SQLite files in the data directory, or, with a store URL, one
 * PostgreSQL database that every gateway instance shares. Opening either one migrates its schema;
 * a failure names the store and leaves nothing open.
 */
record Stores(TraceStore traces, ControlStore control) {
  static Stores open(Vertx vertx, GatewayConfig config) {
    StoreOptions options = StoreOptions.defaults().withQueueCapacity(config.traces().queueCapacity());
    if (config.storeUrl() == null) {
      SqliteTraceStore traces = SqliteTraceStore.open(config.dataDir(), options);
      return withControl(traces, () -> SqliteControlStore.open(config.dataDir()));
    }
    PgTraceStore traces = PgTraceStore.open(vertx, config.storeUrl(), options);
    return withControl(traces, () -> PgControlStore.open(vertx, config.storeUrl()));
  }

  private static Stores withControl(TraceStore traces, Supplier<ControlStore> control) {
    try {
      return new Stores(traces, control.get());
    } catch (RuntimeException e) {
      traces.close();
      throw e;
    }
  }

  void close() {
    try {
      traces.close();
    } finally {
      control.close();
    }
  }
}
