package gw.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void aFailureWithoutMessageIsNamedByItsKindNeverNull() {
    assertThat(Causes.describe(new ConnectException())).isEqualTo("ConnectException");
    assertThat(Causes.describe(new ExecutionException(new ConnectException()))).isEqualTo("ConnectException");
  }

  @Test
  void theFirstMessageInTheCauseChainIsUsed() {
    assertThat(Causes.describe(new IllegalStateException("port 8080 in use"))).isEqualTo("port 8080 in use");
    assertThat(Causes.describe(new java.io.IOException(null, new ConnectException("Connection refused"))))
        .isEqualTo("IOException: Connection refused");
  }
}
