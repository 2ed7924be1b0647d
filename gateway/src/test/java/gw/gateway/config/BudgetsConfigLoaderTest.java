package gw.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.gateway.config.BudgetsConfig.Budget;
import gw.gateway.config.BudgetsConfig.RateLimit;
import gw.gateway.config.BudgetsConfig.RequestCaps;
import gw.gateway.config.BudgetsConfig.ScopeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetsConfigLoaderTest {
  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String json) throws Exception {
    Files.writeString(dir.resolve("budgets.json"), json);
    return assertThatThrownBy(() -> BudgetsConfigLoader.load(new ConfigSource(dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("budgets.json").toString());
  }

  private static String budget(String fields) {
    return "{\"budgets\":[{" + fields + "}]}";
  }

  @Test
  void bundledFileHasDemoBudgetsThatStayOutOfTheWay() {
    BudgetsConfig c = BudgetsConfigLoader.load(ConfigSource.bundled());
    assertThat(c.budgets()).containsExactly(new Budget(ScopeKind.TENANT, "demo", 5.0, 100.0));
    assertThat(c.requestCaps()).isEqualTo(new RequestCaps(128_000, 16_384, 1024));
    assertThat(c.rateLimits().defaults()).isEqualTo(new RateLimit(600, 1_000_000));
    assertThat(c.rateLimits().forKey("demo")).isEqualTo(new RateLimit(600, 1_000_000));
  }

  @Test
  void aFullFileLoadsWithDefaultsForWhatItLeavesOut() throws Exception {
    Files.writeString(dir.resolve("budgets.json"), """
        {"budgets": [
           {"scope": "team", "name": "search", "monthly_usd": 50},
           {"scope": "feature", "name": "chat", "daily_usd": 0.5},
           {"scope": "tenant", "name": "search", "daily_usd": 1}],
         "rate_limits": {"keys": {"batch": {"tpm": 5000}}}}""");
    BudgetsConfig c = BudgetsConfigLoader.load(new ConfigSource(dir));
    assertThat(c.budgets()).containsExactly(
        new Budget(ScopeKind.TEAM, "search", null, 50.0),
        new Budget(ScopeKind.FEATURE, "chat", 0.5, null),
        new Budget(ScopeKind.TENANT, "search", 1.0, null));
    assertThat(c.requestCaps()).isEqualTo(new RequestCaps(128_000, 16_384, 1024));
    assertThat(c.rateLimits().forKey("batch")).isEqualTo(new RateLimit(0, 5000));
    assertThat(c.rateLimits().forKey("anyone")).isEqualTo(RateLimit.UNLIMITED);
  }

  @Test
  void aBudgetRefusesWhileRedisIsDownUnlessItSaysOpen() throws Exception {
    Files.writeString(dir.resolve("budgets.json"), """
        {"budgets": [
           {"scope": "team", "name": "search", "daily_usd": 5, "when_redis_down": "open"},
           {"scope": "tenant", "name": "acme", "daily_usd": 1}]}""");
    BudgetsConfig c = BudgetsConfigLoader.load(new ConfigSource(dir));
    assertThat(c.budgets()).extracting(Budget::openWhenRedisDown).containsExactly(true, false);
    loading(budget("\"scope\": \"team\", \"name\": \"x\", \"daily_usd\": 1, \"when_redis_down\": \"ignore\""))
        .hasMessageContaining("budgets[0].when_redis_down is 'ignore'").hasMessageContaining("[closed, open]");
  }

  @Test
  void unknownScopeKindIsRejected() throws Exception {
    loading(budget("\"scope\": \"org\", \"name\": \"x\", \"daily_usd\": 1"))
        .hasMessageContaining("budgets[0].scope is 'org'").hasMessageContaining("[feature, team, tenant]");
  }

  @Test
  void negativeLimitIsRejected() throws Exception {
    loading(budget("\"scope\": \"tenant\", \"name\": \"x\", \"monthly_usd\": -1"))
        .hasMessageContaining("budgets[0].monthly_usd must be >= 0, got -1");
  }

  @Test
  void limitWrittenAsAStringIsRejected() throws Exception {
    loading(budget("\"scope\": \"tenant\", \"name\": \"x\", \"daily_usd\": \"5\""))
        .hasMessageContaining("budgets[0].daily_usd must be a number").hasMessageContaining("without quotes");
  }

  @Test
  void budgetWithNeitherDailyNorMonthlyIsRejected() throws Exception {
    loading(budget("\"scope\": \"tenant\", \"name\": \"x\""))
        .hasMessageContaining("budgets[0] has neither daily_usd nor monthly_usd");
  }

  @Test
  void budgetWithoutANameIsRejected() throws Exception {
    loading(budget("\"scope\": \"tenant\", \"daily_usd\": 1")).hasMessageContaining("budgets[0].name is missing");
  }

  @Test
  void duplicateScopeAndNameIsRejected() throws Exception {
    loading("""
        {"budgets": [{"scope": "team", "name": "a", "daily_usd": 1},
                     {"scope": "tenant", "name": "a", "daily_usd": 1},
                     {"scope": "team", "name": "a", "monthly_usd": 9}]}""")
        .hasMessageContaining("budgets[2] repeats the budget for team 'a'").hasMessageContaining("merge them");
  }

  @Test
  void misspeltFieldIsRejectedInsteadOfIgnored() throws Exception {
    loading(budget("\"scope\": \"tenant\", \"name\": \"x\", \"daily\": 5"))
        .hasMessageContaining("budgets[0].daily is not a known field")
        .hasMessageContaining("[daily_usd, monthly_usd, name, scope, when_redis_down]");
  }

  @Test
  void nonIntegerRpmIsRejected() throws Exception {
    loading("{\"rate_limits\": {\"default\": {\"rpm\": 60.5}}}")
        .hasMessageContaining("rate_limits.default.rpm must be an integer, got 60.5");
  }

  @Test
  void negativeTpmIsRejectedWithTheWayToSayUnlimited() throws Exception {
    loading("{\"rate_limits\": {\"keys\": {\"demo\": {\"tpm\": -1}}}}")
        .hasMessageContaining("rate_limits.keys.demo.tpm must be >= 0").hasMessageContaining("0 for unlimited");
  }

  @Test
  void nonPositiveCapIsRejected() throws Exception {
    loading("{\"request_caps\": {\"max_output_tokens\": 0}}")
        .hasMessageContaining("request_caps.max_output_tokens must be > 0");
  }

  @Test
  void defaultOutputAboveTheOutputCapIsRejected() throws Exception {
    loading("{\"request_caps\": {\"max_output_tokens\": 100, \"default_output_tokens\": 200}}")
        .hasMessageContaining("request_caps.default_output_tokens (200) exceeds max_output_tokens (100)");
  }

  @Test
  void budgetsThatAreNotAListAreRejected() throws Exception {
    loading("{\"budgets\": {\"scope\": \"tenant\"}}").hasMessageContaining("budgets must be an array");
  }
}
