package gw.gateway.policy.breaker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code breakers.json} as written, one section per incident class, bound by Jackson (unknown fields
 * rejected); {@link BreakersConfig#load} checks ranges and turns seconds into milliseconds. Numbers are
 * read as written (counts too, as before) and checked against their range there.
 */
record BreakersFile(
    @JsonProperty("RETRIEVAL_OUTAGE") Retrieval retrieval,
    @JsonProperty("PERFORMANCE_DEGRADATION") Performance performance,
    @JsonProperty("COST_SPIKE") CostSpike costSpike,
    @JsonProperty("QUALITY_DEGRADATION") Quality quality,
    @JsonProperty("DATA_INCIDENT") DataIncident dataIncident) {
  static final String MODE = "a string or null";

  /** Every section may name the class's start mode. */
  interface Section {
    String mode();
  }

  /** The sliding window of a {@link WindowBreaker}. */
  interface Window {
    Double windowSeconds();

    Double minRequests();

    Double tripRatio();

    Double openSeconds();
  }

  record Retrieval(Double minDocuments, Double minTopScore, Double windowSeconds, Double minRequests, Double tripRatio,
      Double openSeconds, String fallbackAnswer, @JsonPropertyDescription(MODE) String mode) implements Section, Window {}

  record Performance(Double maxFailures, Double windowSeconds, Double openSeconds, Double slowCallMs,
      Double minTokensPerSecond, Double maxStallMs, String fallbackModel, @JsonPropertyDescription(MODE) String mode)
      implements Section {}

  record CostSpike(Double maxCostPerRequestUsd, Double maxTokensPerRequest, Double windowSeconds, Double minRequests,
      Double tripRatio, Double openSeconds, Double capMaxTokens, Map<String, String> cheaperModels,
      Set<String> shedTiers, @JsonPropertyDescription(MODE) String mode) implements Section, Window {}

  record Quality(Double windowSeconds, Double minRequests, Double tripRatio, Double openSeconds, String knownGoodModel,
      @JsonPropertyDescription(MODE) String mode) implements Section, Window {}

  record DataIncident(String action, Boolean scanStreams, Allow allow, @JsonPropertyDescription(MODE) String mode)
      implements Section {}

  record Allow(List<String> values, List<String> domains) {}

  Section section(gw.gateway.incident.IncidentClass c) {
    return switch (c) {
      case RETRIEVAL_OUTAGE -> retrieval;
      case PERFORMANCE_DEGRADATION -> performance;
      case COST_SPIKE -> costSpike;
      case QUALITY_DEGRADATION -> quality;
      case DATA_INCIDENT -> dataIncident;
    };
  }
}
