package gw.gateway.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigSource;
import org.junit.jupiter.api.Test;

class IncidentCatalogTest {
  @Test
  void theShippedCatalogDescribesEveryClassAndSeverity() {
    IncidentCatalog catalog = IncidentCatalog.load(ConfigSource.bundled());
    for (IncidentClass c : IncidentClass.values()) {
      IncidentCatalog.ClassInfo info = catalog.classes().get(c);
      assertThat(info.symptoms()).as(c.name()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(info.rootCauses()).isNotEmpty();
      assertThat(info.detection()).isNotEmpty();
    }
    assertThat(catalog.severities()).containsOnlyKeys("SEV-1", "SEV-2", "SEV-3");
    assertThat(catalog.severities().get("SEV-1").postmortemHours()).isEqualTo(48);
    assertThat(catalog.severities().get("SEV-1").acknowledgeMinutes())
        .isLessThan(catalog.severities().get("SEV-3").acknowledgeMinutes());
  }

  @Test
  void aClassWithTooFewSymptomsIsRefusedWithItsPath() {
    ObjectNode root = (ObjectNode) ConfigSource.bundled().read("incidents.json");
    ((ObjectNode) root.path("classes").path("COST_SPIKE")).set("symptoms", new ObjectMapper().createArrayNode().add("one"));
    ConfigSource edited = ConfigSource.bundled().withFile("incidents.json", root);
    assertThatThrownBy(() -> IncidentCatalog.load(edited)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("classes.COST_SPIKE.symptoms must list at least 3");
  }
}
