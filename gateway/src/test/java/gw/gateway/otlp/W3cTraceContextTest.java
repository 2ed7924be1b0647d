package gw.gateway.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class W3cTraceContextTest {
  private static final String GATEWAY_ID = "01a24dd4-78a8-7f93-86c2-ceadcbb73cfe";
  private static final String CLIENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

  @Test
  void aValidClientHeaderGivesTheTraceItsParentAndItsFlags() {
    assertThat(W3cTraceContext.traceIdHex(GATEWAY_ID, CLIENT)).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(W3cTraceContext.parentSpanId(CLIENT)).isEqualTo("b7ad6b7169203331");
    assertThat(W3cTraceContext.traceparent(GATEWAY_ID, CLIENT, "00f067aa0ba902b7"))
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-00");
  }

  @Test
  void withoutOneTheGatewayTraceIdStartsASampledTrace() {
    assertThat(W3cTraceContext.parentSpanId(null)).isNull();
    assertThat(W3cTraceContext.traceparent(GATEWAY_ID, null, "00f067aa0ba902b7"))
        .isEqualTo("00-01a24dd478a87f9386c2ceadcbb73cfe-00f067aa0ba902b7-01");
  }

  @Test
  void headersTheSpecSaysToIgnoreStartANewTrace() {
    for (String bad : new String[] {
        "00-00000000000000000000000000000000-b7ad6b7169203331-01", // zero trace id
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", // zero parent
        "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", // forbidden version
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", // upper case
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",    // no flags
    }) {
      assertThat(W3cTraceContext.valid(bad)).as(bad).isFalse();
      assertThat(W3cTraceContext.traceIdHex(GATEWAY_ID, bad)).isEqualTo("01a24dd478a87f9386c2ceadcbb73cfe");
    }
  }
}
