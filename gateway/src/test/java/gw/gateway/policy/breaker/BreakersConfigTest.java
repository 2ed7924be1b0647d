package gw.gateway.policy.breaker;

import gw.gateway.incident.IncidentClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.traces.diagnosis.DiagnosisRules;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BreakersConfigTest {
  private static BreakersConfig.Performance performance(Consumer<ObjectNode> edit) {
    ConfigSource bundled = ConfigSource.bundled();
    ObjectNode root = (ObjectNode) bundled.read(BreakersConfig.FILE);
    edit.accept((ObjectNode) root.get("PERFORMANCE_DEGRADATION"));
    return BreakersConfig.load(bundled.withFile(BreakersConfig.FILE, root)).performance();
  }

  @Test
  void theDiagnoserJudgesRetrievalByTheBreakersFloor() {
    BreakersConfig shipped = BreakersConfig.load(ConfigSource.bundled());
    assertThat(shipped.diagnoser().rules().minTopRelevance()).isEqualTo(shipped.retrieval().minTopScore())
        .as("the library's default is the shipped floor").isEqualTo(DiagnosisRules.DEFAULT_MIN_TOP_RELEVANCE);
    ConfigSource stricter = ConfigSource.bundled().withEdits(BreakersConfig.FILE, java.util.Map.of(
        "/RETRIEVAL_OUTAGE/min_top_score", 0.45));
    assertThat(BreakersConfig.load(stricter).diagnoser().rules().minTopRelevance()).isEqualTo(0.45);
  }

  @Test
  void shipsSlowCallsAtThePercentileYellowLineAndACheaperFallbackModel() {
    BreakersConfig.Performance shipped = performance(p -> { });
    double p95Yellow = gw.gateway.detect.Thresholds.load(ConfigSource.bundled()).metrics().get("p95_latency_ms").yellow();
    assertThat(shipped.slowCallMs()).isEqualTo((long) p95Yellow);
    assertThat(shipped.fallbackModel()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void aJsonAnswersAllowanceMatchesTheWaitTheHealthMetricsJudge() {
    BreakersConfig.Performance shipped = performance(p -> { });
    var thresholds = gw.gateway.detect.Thresholds.load(ConfigSource.bundled());
    assertThat(shipped.minTokensPerSecond()).isEqualTo(thresholds.minTokensPerSecond());
    assertThat(shipped.slowCallMs()).isEqualTo((long) thresholds.metrics().get("p95_json_wait_ms").yellow());
    assertThat(shipped.maxStallMs()).as("below forward.json's attempt timeout").isLessThan(30_000);
  }

  @Test
  void maxStallMsBelowSlowCallMsIsRejectedByName() {
    assertThatThrownBy(() -> performance(p -> p.put("max_stall_ms", 1000)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PERFORMANCE_DEGRADATION.max_stall_ms is 1000, below slow_call_ms 5000");
    assertThat(performance(p -> {
      p.remove("min_tokens_per_second");
      p.remove("max_stall_ms");
    })).satisfies(d -> {
      assertThat(d.minTokensPerSecond()).isEqualTo(BreakersConfig.DEFAULT_MIN_TOKENS_PER_SECOND);
      assertThat(d.maxStallMs()).isEqualTo(BreakersConfig.DEFAULT_MAX_STALL_MS);
    });
  }

  @Test
  void slowCallMsDefaultsWhenAbsentAndZeroTurnsItOff() {
    assertThat(performance(p -> p.remove("slow_call_ms")).slowCallMs()).isEqualTo(BreakersConfig.DEFAULT_SLOW_CALL_MS);
    assertThat(performance(p -> p.put("slow_call_ms", 0)).slowCallMs()).isZero();
  }

  @Test
  void aNegativeOrTextualSlowCallMsIsRejectedByName() {
    assertThatThrownBy(() -> performance(p -> p.put("slow_call_ms", -1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PERFORMANCE_DEGRADATION.slow_call_ms is -1.0")
        .hasMessageContaining("use a value between 0.0 and 3600000.0");
    assertThatThrownBy(() -> performance(p -> p.put("slow_call_ms", "5s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PERFORMANCE_DEGRADATION.slow_call_ms is missing or not a number");
  }

  private static BreakersConfig withModes(Consumer<ObjectNode> edit) {
    ConfigSource bundled = ConfigSource.bundled();
    ObjectNode root = (ObjectNode) bundled.read(BreakersConfig.FILE);
    edit.accept(root);
    return BreakersConfig.load(bundled.withFile(BreakersConfig.FILE, root));
  }

  @Test
  void eachClassStartsInItsConfiguredModeAutoByDefault() {
    BreakersConfig config = withModes(root -> {
      ((ObjectNode) root.get("COST_SPIKE")).put("mode", "observe");
      ((ObjectNode) root.get("RETRIEVAL_OUTAGE")).put("mode", " Forced_Closed ");
    });
    assertThat(config.mode(IncidentClass.COST_SPIKE)).isEqualTo(BreakerMode.OBSERVE);
    assertThat(config.mode(IncidentClass.RETRIEVAL_OUTAGE)).isEqualTo(BreakerMode.FORCED_CLOSED);
    assertThat(config.mode(IncidentClass.QUALITY_DEGRADATION)).isEqualTo(BreakerMode.AUTO);
    assertThat(BreakersConfig.load(ConfigSource.bundled()).modes()).as("the shipped config keeps auto").isEmpty();

    Breakers breakers = new Breakers(config, () -> 0L, null);
    assertThat(breakers.get(IncidentClass.COST_SPIKE).view().mode()).isEqualTo(BreakerMode.OBSERVE);
    assertThat(breakers.get(IncidentClass.COST_SPIKE).view().lastModeChange().at()).as("no operator change").isNull();
    assertThat(breakers.get(IncidentClass.QUALITY_DEGRADATION).mode()).isEqualTo(BreakerMode.AUTO);
    breakers.restore(java.util.Map.of(IncidentClass.COST_SPIKE, new Breaker.ModeChange(BreakerMode.AUTO,
        "observed for a week", "ops", java.time.Instant.parse("2026-03-01T00:00:00Z"))));
    assertThat(breakers.get(IncidentClass.COST_SPIKE).mode()).as("an operator's saved mode wins").isEqualTo(BreakerMode.AUTO);
  }

  @Test
  void anUnknownOrNonTextModeIsRejectedByName() {
    assertThatThrownBy(() -> withModes(root -> ((ObjectNode) root.get("QUALITY_DEGRADATION")).put("mode", "shadow")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("breakers.json")
        .hasMessageContaining("QUALITY_DEGRADATION.mode is 'shadow'; use auto, observe, forced_open or forced_closed");
    assertThatThrownBy(() -> withModes(root -> ((ObjectNode) root.get("COST_SPIKE")).put("mode", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COST_SPIKE.mode must be a string or null");
  }
}
