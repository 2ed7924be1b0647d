package gw.gateway.policy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.GatewaySystem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** forward.json's request_stream_usage: false leaves a stream as the client sent it (for servers that refuse the option). */
class StreamUsageOffTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.with(GatewayHarness.Options.defaults()
      .withConfig("forward.json", Map.of("/request_stream_usage", false)));
  static GatewayHarness gw;

  @Test
  void theProviderIsNotAskedForUsageAndTheTokensAreCounted() {
    var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Shipping times?").build();
    try (var stream = gw.openAiClient().chat().completions().createStreaming(params)) {
      assertThat(stream.stream().map(ChatCompletionChunk::usage)).allMatch(java.util.Optional::isEmpty);
    }
    var received = gw.mockReceived();
    assertThat(received.getJsonObject(received.size() - 1).getJsonObject("body").containsKey("stream_options")).isFalse();
    gw.flushTraces();
    var trace = GatewayHarness.readTree(gw.admin("/admin/traces?limit=1", GatewayHarness.ADMIN_TOKEN).bodyAsString())
        .path("data").get(0);
    assertThat(trace.path("tokens").path("source").asText()).isEqualTo("tokenizer");
  }
}
