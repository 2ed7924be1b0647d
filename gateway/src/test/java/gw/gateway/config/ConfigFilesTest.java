package gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.gateway.cost.Pricing;
import gw.gateway.detect.Thresholds;
import gw.gateway.incident.IncidentCatalog;
import gw.gateway.policy.breaker.BreakersConfig;
import gw.gateway.policy.breaker.QualityDegradationPolicy;
import gw.gateway.policy.forward.ForwardRules;
import gw.gateway.policy.prompt.PromptRegistry;
import gw.traces.redact.Redactor;
import gw.traces.sampling.SamplingRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in config/ is bound strictly: a misspelt field or a value of the wrong type fails by name. */
class ConfigFilesTest {
  /** How the gateway reads each file at start-up. */
  private static final Map<String, Consumer<ConfigSource>> READERS = Map.ofEntries(
      Map.entry("gateway.json", source -> new ConfigLoader(source, Map.of()).load()),
      Map.entry("budgets.json", BudgetsConfigLoader::load),
      Map.entry("breakers.json", BreakersConfig::load),
      Map.entry("thresholds.json", Thresholds::load),
      Map.entry("quality.json", QualityDegradationPolicy::proxies),
      Map.entry("prompts.json", source -> PromptRegistry.load(source, Map.of())),
      Map.entry("forward.json", ForwardRules::load),
      Map.entry("incidents.json", IncidentCatalog::load),
      Map.entry("pricing.json", Pricing::load),
      Map.entry("observability_contract.json",
          source -> source.read("observability_contract.json", SamplingRules::fromJson)),
      Map.entry(Redactor.PATTERNS_FILE, source -> source.read(Redactor.PATTERNS_FILE, Redactor::fromJson)));

  @TempDir Path dir;

  @Test
  void everyFileInTheConfigFolderHasAStrictReaderAndTheShippedOnesPassIt() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "config"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .containsExactlyInAnyOrderElementsOf(READERS.keySet());
    }
    READERS.values().forEach(reader -> reader.accept(ConfigSource.bundled()));
  }

  static Stream<Arguments> misspeltFields() {
    return Stream.of(
        Arguments.of("gateway.json", "/listen/prot", "listen.prot", "did you mean port?"),
        Arguments.of("budgets.json", "/request_caps/max_output", "request_caps.max_output",
            "did you mean max_output_tokens?"),
        Arguments.of("breakers.json", "/COST_SPIKE/open_secnds", "COST_SPIKE.open_secnds", "did you mean open_seconds?"),
        Arguments.of("thresholds.json", "/metrics/failure_rate/yelow", "metrics.failure_rate.yelow",
            "did you mean yellow?"),
        Arguments.of("thresholds.json", "/metrics/failure_rates", "metrics.failure_rates", "did you mean failure_rate?"),
        Arguments.of("quality.json", "/brand_banned_phrase", "brand_banned_phrase",
            "did you mean brand_banned_phrases?"),
        Arguments.of("prompts.json", "/prompts/0/knowngood", "prompts[0].knowngood", "did you mean known_good?"),
        Arguments.of("forward.json", "/retry/max_attempt", "retry.max_attempt", "did you mean max_attempts?"),
        Arguments.of("incidents.json", "/triage/evaluate_every", "triage.evaluate_every",
            "did you mean evaluate_every_ms?"),
        Arguments.of("incidents.json", "/classes/COST_SPIKES", "classes.COST_SPIKES", "did you mean COST_SPIKE?"),
        Arguments.of("pricing.json", "/models/gpt-4o/inptu", "models.gpt-4o.inptu", "did you mean input?"),
        Arguments.of("observability_contract.json", "/environments/production/keep_error",
            "environments.production.keep_error", "did you mean keep_errors?"),
        Arguments.of(Redactor.PATTERNS_FILE, "/patterns/0/regx", "patterns[0].regx", "did you mean regex?"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("misspeltFields")
  void aMisspeltFieldIsRejectedWithTheFileTheFieldAndTheNearestKnownName(String file, String pointer, String field,
      String suggestion) {
    assertThatThrownBy(() -> readEdited(file, pointer, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bundled config/" + file + ": ")
        .hasMessageContaining(field + " is not a known field; " + suggestion + " known fields: [");
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("gateway.json", "/listen/port", "8080", "listen.port must be an integer, got \"8080\"; "
            + "write it without quotes"),
        Arguments.of("gateway.json", "/pipeline", List.of(1), "pipeline[0] must be a string, got 1; quote the value"),
        Arguments.of("budgets.json", "/rate_limits/default/rpm", 1.5,
            "rate_limits.default.rpm must be an integer, got 1.5; write a whole number"),
        Arguments.of("breakers.json", "/DATA_INCIDENT/scan_streams", "yes",
            "DATA_INCIDENT.scan_streams must be true or false, got \"yes\"; write true or false without quotes"),
        Arguments.of("breakers.json", "/COST_SPIKE/shed_tiers", "free", "COST_SPIKE.shed_tiers must be an array"),
        Arguments.of("thresholds.json", "/metrics/failure_rate/red", "0.15",
            "metrics.failure_rate.red must be a number, got \"0.15\"; write it without quotes"),
        Arguments.of("quality.json", "/brand_banned_phrases", "whatever",
            "brand_banned_phrases must be an array of phrases, got \"whatever\""),
        Arguments.of("prompts.json", "/prompts/0/versions/v2.0/messages/0/content", 5,
            "prompts[0].versions.v2.0.messages[0].content must be a string, got 5"),
        Arguments.of("forward.json", "/retry/retry_on_status", List.of("429"),
            "retry.retry_on_status[0] must be an integer, got \"429\""),
        Arguments.of("incidents.json", "/triage/sev1_failure_rate", "half",
            "triage.sev1_failure_rate must be a number, got \"half\""),
        Arguments.of("pricing.json", "/models/gpt-4o/output", true, "models.gpt-4o.output must be a number, got true"),
        Arguments.of("observability_contract.json", "/environments/dev/slow_ms", "5s",
            "environments.dev.slow_ms must be a positive number of milliseconds"),
        Arguments.of(Redactor.PATTERNS_FILE, "/patterns/3/starts_with", "ghp_",
            "patterns[3].starts_with must be an array of literals"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wrongTypes")
  void aValueOfTheWrongTypeIsRejectedWithTheFileTheFieldAndTheFix(String file, String pointer, Object value,
      String message) {
    assertThatThrownBy(() -> readEdited(file, pointer, value))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bundled config/" + file + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void aKeyWrittenTwiceIsRejectedRatherThanTheLastOneWinningSilently() throws Exception {
    Files.writeString(dir.resolve("forward.json"), "{\"attempt_timeout_ms\": 1000, \"attempt_timeout_ms\": 5}");
    assertThatThrownBy(() -> ForwardRules.load(new ConfigSource(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("forward.json") + ": not valid JSON")
        .hasMessageContaining("Duplicate field 'attempt_timeout_ms'");
  }

  @Test
  void aFileThatIsNotAnObjectIsRejectedAtTheTopLevel() throws Exception {
    Files.writeString(dir.resolve("pricing.json"), "[]");
    assertThatThrownBy(() -> Pricing.load(new ConfigSource(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("pricing.json") + ": the top level must be a JSON object, got []");
  }

  private static void readEdited(String file, String pointer, Object value) {
    READERS.get(file).accept(ConfigSource.bundled().withEdits(file, Map.of(pointer, value)));
  }
}
