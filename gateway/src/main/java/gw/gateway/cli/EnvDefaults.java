package gw.gateway.cli;

/**
 * Option defaults that follow the {@code GW_*} variables {@code ./gw up} starts with, spelled once so
 * every command finds the same system.
 */
final class EnvDefaults {
  static final String PORT = "${env:GW_PORT:-8080}";
  static final String ADMIN_PORT = "${env:GW_ADMIN_PORT:-8081}";
  static final String MOCK_PORT = "${env:GW_MOCK_PORT:-8090}";
  static final String GATEWAY_URL = "http://127.0.0.1:" + PORT;
  static final String ADMIN_URL = "http://127.0.0.1:" + ADMIN_PORT;
  static final String MOCK_URL = "http://127.0.0.1:" + MOCK_PORT;
  static final String DATA_DIR = "${env:GW_DATA_DIR:-data}";
  /** The demo credentials of the bundled config (public, README). */
  static final String DEMO_KEY = "gw-demo-key";
  static final String DEMO_ADMIN_TOKEN = "gw-admin-demo";

  private EnvDefaults() {}
}
