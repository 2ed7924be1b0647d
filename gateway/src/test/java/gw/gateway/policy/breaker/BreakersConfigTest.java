package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import gw.traces.diagnosis.DiagnosisRules;
import gw.traces.redact.Redactor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BreakersConfigTest {
  /** The shipped breakers.json with its root edited. */
  private static BreakersConfig edited(Consumer<ObjectNode> editRoot) {
    ConfigSource bundled = ConfigSource.bundled();
    ObjectNode root = (ObjectNode) bundled.read(BreakersConfig.FILE);
    editRoot.accept(root);
    return BreakersConfig.load(bundled.withFile(BreakersConfig.FILE, root));
  }

  private static BreakersConfig edited(String section, Consumer<ObjectNode> edit) {
    return edited(root -> edit.accept((ObjectNode) root.get(section)));
  }

  private static BreakersConfig.Performance performance(Consumer<ObjectNode> edit) {
    return edited("PERFORMANCE_DEGRADATION", edit).performance();
  }

  private static BreakersConfig.DataIncident dataIncident(Consumer<ObjectNode> edit) {
    return edited("DATA_INCIDENT", edit).dataIncident();
  }

  private static boolean allows(BreakersConfig.DataIncident config, String text) {
    return config.allow().allows(Redactor.defaults().matches(text).get(0));
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
        .hasMessageContaining("PERFORMANCE_DEGRADATION.slow_call_ms must be a number, got \"5s\"; write it without quotes");
  }

  @Test
  void eachClassStartsInItsConfiguredModeAutoByDefault() {
    BreakersConfig config = edited(root -> {
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
    assertThatThrownBy(() -> edited(root -> ((ObjectNode) root.get("QUALITY_DEGRADATION")).put("mode", "shadow")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("breakers.json")
        .hasMessageContaining("QUALITY_DEGRADATION.mode is 'shadow'; use auto, observe, forced_open or forced_closed");
    assertThatThrownBy(() -> edited(root -> ((ObjectNode) root.get("COST_SPIKE")).put("mode", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COST_SPIKE.mode must be a string or null");
  }

  @Test
  void theShippedAllowlistHoldsTheDemoCompanysPublicContactsWrittenAnyWay() {
    BreakersConfig.DataIncident shipped = dataIncident(d -> { });
    assertThat(allows(shipped, "mail Support@Acme-Shop.com")).isTrue();
    assertThat(allows(shipped, "call (800) 555-0199")).isTrue();
    assertThat(allows(shipped, "mail jane.doe@acme-shop.com")).as("no domain is shipped").isFalse();
  }

  @Test
  void anAbsentAllowlistAllowsNothingAndABadOneIsRejectedByName() {
    assertThat(allows(dataIncident(d -> d.remove("allow")), "mail support@acme-shop.com")).isFalse();
    assertThatThrownBy(() -> dataIncident(d -> d.put("allow", "support@acme-shop.com")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATA_INCIDENT.allow must be an object");
    assertThatThrownBy(() -> dataIncident(d -> ((ObjectNode) d.get("allow")).putArray("domains").add(3)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATA_INCIDENT.allow.domains[0] must be a string, got 3; quote the value");
    assertThatThrownBy(() -> dataIncident(d -> ((ObjectNode) d.get("allow")).put("values", "x@y.z")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATA_INCIDENT.allow.values must be an array");
  }
}
