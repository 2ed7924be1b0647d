package gw.gateway.cli;

import gw.traces.pg.StoreUrl;
import picocli.CommandLine.Option;

/**
 * {@code --store-url}: the PostgreSQL database of the shared stores; its password may instead be in
 * {@code GW_STORE_PASSWORD}, so it need not appear in a process list.
 */
final class StoreUrlOption {
  @Option(names = "--store-url", paramLabel = "URL",
      description = "PostgreSQL for traces and control state, shared by several instances:"
          + " postgresql://user[:password]@host[:port]/database (env GW_STORE_URL; password also GW_STORE_PASSWORD)."
          + " Without it both live in SQLite files in the data directory.")
  String url;

  /**
   * The URL given, else, when {@code orEnvironment}, GW_STORE_URL's; null when there is none. Throws
   * IllegalArgumentException, which never quotes the URL, when it is malformed.
   */
  StoreUrl parse(boolean orEnvironment) {
    String given = url != null ? url : orEnvironment ? System.getenv("GW_STORE_URL") : null;
    return given == null || given.isBlank() ? null : StoreUrl.parse(given, System.getenv("GW_STORE_PASSWORD"));
  }
}
