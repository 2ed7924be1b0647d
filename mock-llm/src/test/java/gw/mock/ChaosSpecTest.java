package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ChaosSpecTest {

  @Test
  void headerEntriesCarryParamsAndRates() {
    ChaosSpec spec = ChaosSpec.fromHeader("error_503, latency=800, rate_limit=2@0.5, PII_LEAK");

    assertThat(spec.modes()).containsOnlyKeys(ChaosMode.ERROR_503, ChaosMode.LATENCY, ChaosMode.RATE_LIMIT,
        ChaosMode.PII_LEAK);
    assertThat(spec.modes().get(ChaosMode.ERROR_503)).isEqualTo(new ChaosSetting(1.0, 0));
    assertThat(spec.modes().get(ChaosMode.LATENCY)).isEqualTo(new ChaosSetting(1.0, 800));
    assertThat(spec.modes().get(ChaosMode.RATE_LIMIT)).isEqualTo(new ChaosSetting(0.5, 2));
  }

  @Test
  void blankHeaderMeansNoChaos() {
    assertThat(ChaosSpec.fromHeader(null).isEmpty()).isTrue();
    assertThat(ChaosSpec.fromHeader(" , ").isEmpty()).isTrue();
  }

  @Test
  void badHeaderEntriesAreRejectedWithTheEntryNamed() {
    assertThatThrownBy(() -> ChaosSpec.fromHeader("error_503, empty_retrieval"))
        .isInstanceOf(ChaosSpecException.class)
        .hasMessageContaining("'empty_retrieval'").hasMessageContaining("known modes: latency");
    assertThatThrownBy(() -> ChaosSpec.fromHeader("pii_leak@1.5")).hasMessageContaining("must be a number in [0, 1]");
    assertThatThrownBy(() -> ChaosSpec.fromHeader("latency=soon")).hasMessageContaining("'soon'");
    assertThatThrownBy(() -> ChaosSpec.fromHeader("error_500=3")).hasMessageContaining("takes no parameter");
  }

  @Test
  void jsonRoundTripsThroughToJson() {
    JsonObject json = new JsonObject("""
        {"modes": {"error_503": {"rate": 0.5}, "latency": {"ms": 1500}, "rate_limit": {"retry_after": 2}}}""");

    ChaosSpec spec = ChaosSpec.fromJson(json);

    assertThat(spec.modes().get(ChaosMode.LATENCY)).isEqualTo(new ChaosSetting(1.0, 1500));
    assertThat(spec.modes().get(ChaosMode.RATE_LIMIT)).isEqualTo(new ChaosSetting(1.0, 2));
    assertThat(ChaosSpec.fromJson(spec.toJson())).isEqualTo(spec);
    assertThat(spec.toJson().getJsonObject("modes").getJsonObject("error_503").getDouble("rate")).isEqualTo(0.5);
  }

  @Test
  void badJsonIsRejectedNamingTheField() {
    assertThatThrownBy(() -> ChaosSpec.fromJson(new JsonObject("{\"modes\": {\"error_504\": {}}}")))
        .isInstanceOfSatisfying(ChaosSpecException.class,
            e -> assertThat(e.field()).isEqualTo("modes.error_504"));
    assertThatThrownBy(() -> ChaosSpec.fromJson(new JsonObject("{\"modes\": {\"error_503\": {\"rate\": 2}}}")))
        .isInstanceOfSatisfying(ChaosSpecException.class,
            e -> assertThat(e.field()).isEqualTo("modes.error_503.rate"));
    assertThatThrownBy(() -> ChaosSpec.fromJson(new JsonObject("{\"modes\": {\"latency\": {\"seconds\": 2}}}")))
        .hasMessageContaining("latency allows: rate, ms");
    assertThatThrownBy(() -> ChaosSpec.fromJson(new JsonObject("{\"mode\": {}}")))
        .hasMessageContaining("Unknown field 'mode'");
  }

  @Test
  void perRequestSettingsOverrideSameNamedRuntimeOnes() {
    ChaosSpec runtime = ChaosSpec.fromHeader("latency=100,error_500");
    ChaosSpec merged = runtime.overriddenBy(ChaosSpec.fromHeader("latency=5@0.25"));

    assertThat(merged.modes().get(ChaosMode.LATENCY)).isEqualTo(new ChaosSetting(0.25, 5));
    assertThat(merged.modes()).containsKey(ChaosMode.ERROR_500);
  }
}
