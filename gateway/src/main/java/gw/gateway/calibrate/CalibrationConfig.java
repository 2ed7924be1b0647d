package gw.gateway.calibrate;

import gw.gateway.config.ConfigSource;
import java.util.Map;

/**
 * The shipped config with only what a calibration run needs changed: the demo budget ($5 a day) and the
 * 600 requests a minute would refuse a run of thousands of requests, and a tick of one second would make
 * each fault run wait longer. Every detector (breakers, thresholds, windows, triage) stays as shipped.
 */
final class CalibrationConfig {
  static final int TICK_MS = 200;
  private static final long RPM = 10_000_000;
  private static final long TPM = 1_000_000_000;

  private CalibrationConfig() {
  }

  static ConfigSource of(ConfigSource shipped) {
    return shipped
        .withEdits("budgets.json", Map.of("/budgets/0/daily_usd", 1_000_000.0, "/budgets/0/monthly_usd", 10_000_000.0,
            "/rate_limits/default/rpm", RPM, "/rate_limits/default/tpm", TPM,
            "/rate_limits/keys/demo/rpm", RPM, "/rate_limits/keys/demo/tpm", TPM))
        .withEdits("incidents.json", Map.of("/triage/evaluate_every_ms", TICK_MS));
  }
}
