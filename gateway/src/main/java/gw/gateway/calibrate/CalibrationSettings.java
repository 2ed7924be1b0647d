package gw.gateway.calibrate;

import java.time.Duration;

/**
 * How a calibration runs.
 *
 * @param requests          healthy realistic requests through the gateway
 * @param ratePerSecond     requests started per second within a burst of the sample client
 * @param timeScale         the mock's delays and the bursts' lengths multiplied by this (0.05: twenty times faster)
 * @param seed              seed of the traffic's choices (the fault runs use seed + 1 ...)
 * @param clientErrorBursts bursts of client errors spread over the healthy run, each half 401 (no key), half
 *                          400 (no messages)
 * @param clientErrorsPerBurst requests in each such burst
 * @param settle            how long detection keeps running after the healthy traffic ended
 * @param faultTimeout      how long a fault run waits for an incident
 * @param faultLatencyMs    the latency injected for PERFORMANCE_DEGRADATION (a stall, not compressed)
 * @param model             the model the traffic asks
 */
public record CalibrationSettings(long requests, double ratePerSecond, double timeScale, long seed,
    int clientErrorBursts, int clientErrorsPerBurst, Duration settle, Duration faultTimeout, long faultLatencyMs,
    String model) {

  public CalibrationSettings {
    require(requests >= 1, "requests must be at least 1, got " + requests);
    require(ratePerSecond > 0, "rate must be above 0 requests per second, got " + ratePerSecond);
    require(Double.isFinite(timeScale) && timeScale > 0 && timeScale <= 1,
        "time scale must be above 0 and at most 1 (1 = real time, 0.05 = twenty times faster), got " + timeScale);
    require(clientErrorBursts >= 0 && clientErrorsPerBurst >= 0, "client error bursts and their size must be >= 0");
    require(!settle.isNegative() && !faultTimeout.isNegative() && !faultTimeout.isZero(), "settle must be >= 0 and the fault timeout positive");
    require(faultLatencyMs > 0, "fault latency must be positive, got " + faultLatencyMs);
  }

  /**
   * 3,000 requests at 80/s twenty times faster (about what two cores carry with every policy on), 6 bursts of 40
   * client errors, an 8 s stall (past the shipped slow_call_ms, 5 s).
   */
  public static CalibrationSettings defaults() {
    return new CalibrationSettings(3_000, 80, 0.05, 42, 6, 40, Duration.ofSeconds(3), Duration.ofSeconds(40),
        8_000, "gpt-4o");
  }

  public CalibrationSettings withRequests(long value) {
    return new CalibrationSettings(value, ratePerSecond, timeScale, seed, clientErrorBursts, clientErrorsPerBurst,
        settle, faultTimeout, faultLatencyMs, model);
  }

  public CalibrationSettings withRate(double value) {
    return new CalibrationSettings(requests, value, timeScale, seed, clientErrorBursts, clientErrorsPerBurst,
        settle, faultTimeout, faultLatencyMs, model);
  }

  public CalibrationSettings withTimeScale(double value) {
    return new CalibrationSettings(requests, ratePerSecond, value, seed, clientErrorBursts, clientErrorsPerBurst,
        settle, faultTimeout, faultLatencyMs, model);
  }

  public CalibrationSettings withSeed(long value) {
    return new CalibrationSettings(requests, ratePerSecond, timeScale, value, clientErrorBursts, clientErrorsPerBurst,
        settle, faultTimeout, faultLatencyMs, model);
  }

  public CalibrationSettings withSettle(Duration value) {
    return new CalibrationSettings(requests, ratePerSecond, timeScale, seed, clientErrorBursts, clientErrorsPerBurst,
        value, faultTimeout, faultLatencyMs, model);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
