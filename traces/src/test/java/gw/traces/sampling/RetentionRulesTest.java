package gw.traces.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {
  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void readsEachEnvironmentsPeriodsAndTheFileCap() throws Exception {
    RetentionRules rules = RetentionRules.fromJson(json("""
        {"environments": {
           "dev": {"sample_rate": 1, "retention": {"hot_hours": 24, "warm_days": 7}},
           "production": {"sample_rate": 0.1}},
         "retention": {"max_db_mb": 512, "check_every_minutes": 15}}"""));
    assertThat(rules.environments()).containsOnlyKeys("dev");
    assertThat(rules.environments().get("dev").hot()).isEqualTo(Duration.ofHours(24));
    assertThat(rules.environments().get("dev").warm()).isEqualTo(Duration.ofDays(7));
    assertThat(rules.maxDbBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(rules.checkEvery()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void withoutRetentionTracesAreKeptForever() throws Exception {
    assertThat(RetentionRules.fromJson(json("{\"environments\": {\"dev\": {\"sample_rate\": 1}}}")).isEmpty()).isTrue();
  }

  @Test
  void everyBadValueIsNamedAtOnce() {
    assertThatThrownBy(() -> RetentionRules.fromJson(json("""
        {"environments": {
           "dev": {"sample_rate": 1, "retention": {"hot_hours": 0, "warm_days": 7}},
           "staging": {"sample_rate": 1, "retention": {"hot_hours": 72, "warm_days": 1}}},
         "retention": {"max_db_mb": -1}}""")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environments.dev.retention.hot_hours must be a positive number of hours")
        .hasMessageContaining("environments.staging.retention: warm_days (1.0) must be at least hot_hours / 24 (3.0)")
        .hasMessageContaining("retention.max_db_mb must be a positive number of MB");
  }
}
