package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import gw.traces.redact.Redactor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DataIncidentConfigTest {
  private static BreakersConfig.DataIncident dataIncident(Consumer<ObjectNode> edit) {
    ConfigSource bundled = ConfigSource.bundled();
    ObjectNode root = (ObjectNode) bundled.read(BreakersConfig.FILE);
    edit.accept((ObjectNode) root.get("DATA_INCIDENT"));
    return BreakersConfig.load(bundled.withFile(BreakersConfig.FILE, root)).dataIncident();
  }

  private static boolean allows(BreakersConfig.DataIncident config, String text) {
    return config.allow().allows(Redactor.defaults().matches(text).get(0));
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
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATA_INCIDENT.allow.domains holds 3");
    assertThatThrownBy(() -> dataIncident(d -> ((ObjectNode) d.get("allow")).put("values", "x@y.z")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("DATA_INCIDENT.allow.values must be an array");
  }
}
