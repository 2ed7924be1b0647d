package gw.gateway.incident;

import gw.gateway.policy.breaker.BreakersConfig;

/** What each class's breaker does while open, in words, from its configuration: for timelines and postmortems. */
final class Mitigations {
  private Mitigations() {}

  static String describe(IncidentClass c, BreakersConfig config) {
    return switch (c) {
      case RETRIEVAL_OUTAGE -> "answering with the configured fallback answer instead of calling the model";
      case PERFORMANCE_DEGRADATION -> config.performance().fallbackModel() != null
          ? "redirecting requests to the fallback model " + config.performance().fallbackModel()
          : "failing fast with 503 and Retry-After instead of waiting on the provider";
      case COST_SPIKE -> "shedding tiers " + config.costSpike().shedTiers() + ", downgrading models "
          + config.costSpike().cheaperModels() + " and capping max_tokens at " + config.costSpike().capMaxTokens();
      case QUALITY_DEGRADATION -> "rolling back to the known-good model " + config.quality().knownGoodModel()
          + " and each prompt's known-good version";
      case DATA_INCIDENT -> ("block".equals(config.dataIncident().action()) ? "blocking" : "redacting")
          + " answers that carry personal data or secrets; traces keep no content";
    };
  }
}
