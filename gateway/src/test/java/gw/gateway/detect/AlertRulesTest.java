package gw.gateway.detect;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules use the same thresholds the gateway evaluates live, so a change to
 * thresholds.json without the rules (or the reverse) fails here. promtool itself checks and tests
 * the rules in ./gw test.
 */
class AlertRulesTest {
  private static final Pattern RULE = Pattern.compile(
      "- alert: (\\S+)\\n\\s+expr: .* ([<>]) (\\S+)\\n(?:.*\\n){3}\\s+metric: (\\S+)");

  @Test
  void everyNorthStarMetricHasAWarningAndACriticalRuleAtItsThresholds() throws Exception {
    String rules = Files.readString(Path.of("..", "config", "prometheus", "rules.yml"));
    Thresholds thresholds = Thresholds.load(ConfigSource.bundled());
    int checked = 0;
    Matcher m = RULE.matcher(rules);
    while (m.find()) {
      Thresholds.Threshold t = thresholds.metrics().get(m.group(4));
      assertThat(t).as(m.group(1) + " names a known metric").isNotNull();
      boolean critical = m.group(1).endsWith("Critical");
      assertThat(m.group(2)).as(m.group(1)).isEqualTo(t.higherIsWorse() ? ">" : "<");
      assertThat(Double.parseDouble(m.group(3))).as(m.group(1)).isEqualTo(critical ? t.red() : t.yellow());
      checked++;
    }
    assertThat(checked).isEqualTo(2 * Thresholds.METRICS.size());
    List.copyOf(Thresholds.METRICS).forEach(metric -> assertThat(rules).contains("metric: " + metric));
  }
}
