package gw.traces.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long traces are kept, from the observability contract (seed 003's hot/warm/cold): for
 * {@code hot} a trace is whole; after it the content fields are dropped (ids, timings, tokens, cost,
 * status, quality, actions and spans stay); after {@code warm} the record is deleted (cold storage is
 * whatever the OTLP export feeds). An environment without a {@code retention} object keeps its
 * traces forever. {@code maxDbBytes} (0: none) caps the whole file: the oldest traces go first.
 */
public record RetentionRules(Map<String, Retention> environments, long maxDbBytes, Duration checkEvery) {
  public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMinutes(60);

  public record Retention(Duration hot, Duration warm) {}

  public RetentionRules {
    environments = Map.copyOf(environments);
  }

  public static RetentionRules none() {
    return new RetentionRules(Map.of(), 0, DEFAULT_CHECK_EVERY);
  }

  public boolean isEmpty() {
    return environments.isEmpty() && maxDbBytes == 0;
  }

  /** Reads the {@code retention} objects of the contract file; every bad value is reported at once. */
  public static RetentionRules fromJson(JsonNode json) {
    SamplingRulesJson.ContractFile file = SamplingRulesJson.bind(json);
    List<String> problems = new ArrayList<>();
    Map<String, Retention> rules = new LinkedHashMap<>();
    if (file.environments() != null) {
      file.environments().forEach((name, rule) -> {
        if (rule == null || rule.retention() == null || !TraceValidator.ENVIRONMENTS.contains(name)) {
          return; // the sampling rules report unknown environments and null rules
        }
        String path = "environments." + name + ".retention";
        Double hot = rule.retention().hotHours();
        Double warm = rule.retention().warmDays();
        if (hot == null || !(hot > 0)) {
          problems.add(path + ".hot_hours must be a positive number of hours (e.g. 72), got " + hot);
        } else if (warm == null || !(warm > 0)) {
          problems.add(path + ".warm_days must be a positive number of days (e.g. 30), got " + warm);
        } else if (warm * 24 < hot) {
          problems.add(path + ": warm_days (" + warm + ") must be at least hot_hours / 24 (" + hot / 24
              + "): a trace keeps its content for hot_hours and is deleted after warm_days");
        } else {
          rules.put(name, new Retention(hours(hot), hours(warm * 24)));
        }
      });
    }
    long maxBytes = 0;
    Duration every = DEFAULT_CHECK_EVERY;
    if (file.retention() != null) {
      Double mb = file.retention().maxDbMb();
      if (mb != null && !(mb > 0)) {
        problems.add("retention.max_db_mb must be a positive number of MB, or left out for no cap, got " + mb);
      } else if (mb != null) {
        maxBytes = (long) (mb * 1024 * 1024);
      }
      Double minutes = file.retention().checkEveryMinutes();
      if (minutes != null && !(minutes >= 1)) {
        problems.add("retention.check_every_minutes must be at least 1, got " + minutes);
      } else if (minutes != null) {
        every = Duration.ofSeconds((long) (minutes * 60));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid retention rules: " + String.join("; ", problems));
    }
    return new RetentionRules(rules, maxBytes, every);
  }

  private static Duration hours(double h) {
    return Duration.ofSeconds((long) (h * 3600));
  }
}
