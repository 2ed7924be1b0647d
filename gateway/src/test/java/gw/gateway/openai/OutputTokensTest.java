package gw.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class OutputTokensTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aCompletionCountsTheProvidersUsageElseItsTextAtFourCharactersAToken() throws Exception {
    assertThat(OutputTokens.ofCompletion(JSON.readTree(
        "{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"completion_tokens\":612}}"))).isEqualTo(612);
    assertThat(OutputTokens.ofCompletion(JSON.readTree(
        "{\"choices\":[{\"message\":{\"content\":\"0123456789\"}}]}"))).isEqualTo(3);
    assertThat(OutputTokens.ofCompletion(null)).isZero();
  }

  @Test
  void aStreamPieceCountsItsTextButAtLeastOneTokenPerEvent() {
    String event = "data: {\"choices\":[{\"delta\":{\"content\":\"%s\"}}]}\n\n";
    Buffer words = Buffer.buffer(String.format(event, "Shipping takes three to five \\\"business\\\" days."));
    assertThat(OutputTokens.ofStreamChunk(words)).isEqualTo(12); // 46 characters
    Buffer empties = Buffer.buffer(String.format(event, "") + String.format(event, "a") + "data: [DONE]\n\n");
    assertThat(OutputTokens.ofStreamChunk(empties)).as("two events, [DONE] is none").isEqualTo(2);
  }
}
