package gw.gateway.admin;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each configured budget's limit and current spend are in /metrics, for the budget-burn alert. */
class BudgetMetricsTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
      .withConfig("budgets.json", Map.of("/budgets/0/name", "acme")));
  static GatewayHarness gw;

  @Test
  void limitsAndSpendPerPeriodAreExportedAndSpendMovesWithRequests() {
    String before = scrape();
    double spent = value(before, "gw_budget_spent_usd{name=\"acme\",period=\"daily\",scope=\"tenant\"}");
    assertThat(value(before, "gw_budget_limit_usd{name=\"acme\",period=\"daily\",scope=\"tenant\"}")).isEqualTo(5.0);
    assertThat(value(before, "gw_budget_limit_usd{name=\"acme\",period=\"monthly\",scope=\"tenant\"}")).isEqualTo(100.0);

    assertThat(gw.post("/v1/chat/completions", chat("gpt-4o-mini", "what does this cost?")).statusCode()).isEqualTo(200);
    gw.flushTraces();

    assertThat(value(scrape(), "gw_budget_spent_usd{name=\"acme\",period=\"daily\",scope=\"tenant\"}"))
        .isGreaterThan(spent);
  }

  private static String scrape() {
    return gw.metrics();
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no series " + series);
    }
    return Double.parseDouble(m.group(1));
  }
}
