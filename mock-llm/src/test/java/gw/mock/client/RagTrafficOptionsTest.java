package gw.mock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RagTrafficOptionsTest {

  @Test
  void baseUrlsLoseATrailingSlashAndV1() {
    RagTraffic.Options options = RagTraffic.Options.defaults().withGateway("http://127.0.0.1:18080/v1/")
        .withRetrieval("http://127.0.0.1:18090/");
    assertThat(options.gatewayUrl()).isEqualTo("http://127.0.0.1:18080");
    assertThat(options.retrievalUrl()).isEqualTo("http://127.0.0.1:18090");
  }

  @Test
  void unusableOptionsSayWhatIsWrong() {
    RagTraffic.Options defaults = RagTraffic.Options.defaults();
    assertThatThrownBy(() -> defaults.withRate(0)).hasMessageContaining("rate must be above 0");
    assertThatThrownBy(() -> defaults.withGateway("127.0.0.1:8080")).hasMessageContaining("gatewayUrl");
    assertThatThrownBy(() -> defaults.withDuration(Duration.ZERO)).hasMessageContaining("duration");
    assertThatThrownBy(() -> defaults.withMaxRequests(-1)).hasMessageContaining("maxRequests");
    assertThatThrownBy(() -> defaults.withApiKey(" ")).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> defaults.withMaxInFlight(0)).hasMessageContaining("maxInFlight");
  }
}
