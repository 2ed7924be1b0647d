package gw.traces.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gw.traces.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingRulesTest {

  @Test
  void defaultsFollowTheObservabilityContract() {
    SamplingRules rules = SamplingRules.defaults();

    assertThat(rules.forEnvironment("dev").sampleRate()).isEqualTo(1.0);
    assertThat(rules.forEnvironment("staging").sampleRate()).isEqualTo(1.0);
    assertThat(rules.forEnvironment("production"))
        .isEqualTo(new SamplingRules.EnvironmentRule(0.1, 5000, true, true));
  }

  @Test
  void readsEveryFieldAndKeepsDefaultsForEnvironmentsLeftOut() throws Exception {
    SamplingRules rules = SamplingRules.fromJson(json("""
        {"environments": {"production": {"sample_rate": 0.25, "slow_ms": 2000, "keep_errors": false,
                                         "keep_gateway_actions": false},
                          "staging": {"sample_rate": 0.5}}}"""));

    assertThat(rules.forEnvironment("production")).isEqualTo(new SamplingRules.EnvironmentRule(0.25, 2000, false, false));
    assertThat(rules.forEnvironment("staging"))
        .isEqualTo(new SamplingRules.EnvironmentRule(0.5, Double.POSITIVE_INFINITY, true, true));
    assertThat(rules.forEnvironment("dev")).isEqualTo(SamplingRules.defaults().forEnvironment("dev"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"environments\": {\"production\": {\"sample_rate\": 1.5}}}"
          + "|environments.production.sample_rate must be a number in [0,1] (0.1 keeps 10%), got 1.5",
      "{\"environments\": {\"production\": {\"sample_rate\": \"10%\"}}}"
          + "|environments.production.sample_rate must be a number in [0,1] (0.1 keeps 10%), got \"10%\"",
      "{\"environments\": {\"production\": {\"slow_ms\": 100}}}"
          + "|environments.production.sample_rate is required: a number in [0,1], e.g. 0.1 to keep 10%",
      "{\"environments\": {\"production\": {\"sample_rate\": 0.1, \"slow_ms\": -1}}}"
          + "|environments.production.slow_ms must be a positive number of milliseconds (e.g. 5000)",
      "{\"environments\": {\"production\": {\"sample_rate\": 0.1, \"keep_errors\": \"yes\"}}}"
          + "|environments.production.keep_errors must be true or false, got \"yes\"",
      "{\"environments\": {\"prod\": {\"sample_rate\": 0.1}}}"
          + "|environments.prod is not an environment; use one of [dev, staging, production]",
      "{\"environments\": {\"dev\": {\"sample_rate\": 1, \"sample_ratio\": 1}}}"
          + "|environments.dev.sample_ratio is not a known field; did you mean sample_rate? known fields: "
          + "[keep_errors, keep_gateway_actions, retention, sample_rate, slow_ms]",
      "{\"environments\": {\"dev\": 1}}"
          + "|environments.dev must be an object like {\"sample_rate\": 0.1, \"slow_ms\": 5000}",
      "{}|expected an object with an \"environments\" object, e.g. {\"environments\"",
      "{\"sampling\": {}}|sampling is not a known field; known fields: [environments, retention]",
      "{\"environments\": {}, \"naming\": {}}|naming is not a known field; known fields: [environments, retention]"})
  void badValuesAreNamedWithTheFix(String input, String expected) throws Exception {
    JsonNode json = json(input);

    assertThatThrownBy(() -> SamplingRules.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid sampling rules: ")
        .hasMessageContaining(expected);
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    JsonNode json = json("{\"environments\": {\"dev\": {\"sample_rate\": 2}, \"production\": {\"sample_rate\": -1}}}");

    assertThatThrownBy(() -> SamplingRules.fromJson(json))
        .hasMessageContaining("environments.dev.sample_rate")
        .hasMessageContaining("environments.production.sample_rate");
  }

  private static JsonNode json(String text) throws Exception {
    return TraceJson.MAPPER.readTree(text);
  }
}
