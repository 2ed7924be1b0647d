package gw.traces.sampling;

import gw.traces.TraceRecord;
import java.util.random.RandomGenerator;

/**
 * Decides whether to keep a trace and records why. Forced reasons (error, gateway action, slow)
 * come first so a kept record names the most telling one; their rate is 1. A random keep carries
 * the environment's sample rate, so counts can be scaled back up by 1/rate. Thread-safe.
 */
public final class Sampler {
  public static final String ENVIRONMENT_FULL = "environment_full";
  public static final String ERROR = "error";
  public static final String SLOW = "slow";
  public static final String GATEWAY_ACTION = "gateway_action";
  public static final String RANDOM = "random";
  public static final String NOT_SAMPLED = "not_sampled";

  private final SamplingRules rules;
  private final RandomGenerator random;

  public Sampler(SamplingRules rules, RandomGenerator random) {
    this.rules = rules;
    this.random = random;
  }

  public TraceRecord.Sampling decide(String environment, boolean error, double latencyMs, boolean gatewayActed) {
    SamplingRules.EnvironmentRule rule = rules.forEnvironment(environment);
    if (error && rule.keepErrors()) {
      return always(ERROR);
    }
    if (gatewayActed && rule.keepGatewayActions()) {
      return always(GATEWAY_ACTION);
    }
    if (latencyMs > rule.slowMs()) {
      return always(SLOW);
    }
    if (rule.sampleRate() >= 1) {
      return always(ENVIRONMENT_FULL);
    }
    boolean kept = rule.sampleRate() > 0 && nextDouble() < rule.sampleRate();
    return new TraceRecord.Sampling(kept, kept ? RANDOM : NOT_SAMPLED, rule.sampleRate());
  }

  /** The same decision taken from a record's own environment, status, latency and actions (done or observed). */
  public TraceRecord.Sampling decide(TraceRecord record) {
    boolean acted = record.actions() != null && !record.actions().isEmpty()
        || record.observedActions() != null && !record.observedActions().isEmpty();
    return decide(record.environment(), record.isError(), record.latencyMs(), acted);
  }

  private static TraceRecord.Sampling always(String reason) {
    return new TraceRecord.Sampling(true, reason, 1.0);
  }

  /** Many generators are not thread-safe, and event loops share this sampler. */
  private synchronized double nextDouble() {
    return random.nextDouble();
  }
}
