package gw.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedAnswerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM =
      "data: {\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
      + "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
      + "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
      + "data: [DONE]\n\n";

  @Test
  void reassemblesEventsSplitAcrossNetworkChunksAtAnyByte() {
    for (int cut = 1; cut < STREAM.length(); cut += 7) {
      StreamedAnswer a = StreamedAnswer.parse(
          List.of(Buffer.buffer(STREAM.substring(0, cut)), Buffer.buffer(STREAM.substring(cut))), JSON);
      assertThat(a.content()).isEqualTo("Hello");
      assertThat(a.model()).isEqualTo("gpt-4o-mini-2024");
      assertThat(a.finishReason()).isEqualTo("stop");
      assertThat(a.usage().path("total_tokens").asInt()).isEqualTo(7);
      assertThat(a.done()).isTrue();
    }
  }

  @Test
  void aCutStreamIsNotDone() {
    StreamedAnswer a = StreamedAnswer.parse(List.of(Buffer.buffer(STREAM.substring(0, 150))), JSON);
    assertThat(a.done()).isFalse();
    assertThat(a.usage()).isNull();
  }

  @Test
  void toolCallArgumentsAreCollected() {
    String s = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"lookup\","
        + "\"arguments\":\"{\\\"id\\\":\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"7}\"}}]},"
        + "\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n";
    StreamedAnswer a = StreamedAnswer.parse(List.of(Buffer.buffer(s)), JSON);
    assertThat(a.toolCalls()).isEqualTo("lookup {\"id\":7}");
    assertThat(a.finishReason()).isEqualTo("tool_calls");
  }

  @Test
  void aCharacterSplitAcrossNetworkChunksIsReassembledWhole() {
    byte[] bytes = "data: {\"choices\":[{\"delta\":{\"content\":\"Caf\u00e9 \u20ac5\"}}]}\n\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int inEuro = bytes.length - 10; // inside the three bytes of the euro sign
    StreamedAnswer a = StreamedAnswer.parse(List.of(Buffer.buffer(java.util.Arrays.copyOf(bytes, inEuro)),
        Buffer.buffer(java.util.Arrays.copyOfRange(bytes, inEuro, bytes.length))), JSON);
    assertThat(a.content()).isEqualTo("Caf\u00e9 \u20ac5");
  }

  @Test
  void aTruncatedLastEventAddsNothingOfItself() {
    String cut = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
        + "data: {\"model\":\"m2\",\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_re";
    StreamedAnswer a = StreamedAnswer.parse(List.of(Buffer.buffer(cut)), JSON);
    assertThat(a.content()).isEqualTo("Hel");
    assertThat(a.model()).isNull();
    assertThat(a.events()).isEqualTo(1);
  }

  @Test
  void twoToolCallsAreTwoLines() {
    String s = "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"a\","
        + "\"arguments\":\"{}\"}},{\"index\":1,\"function\":{\"arguments\":\"{\\\"q\\\":1}\",\"name\":\"b\"}}]}}]}\n\n";
    StreamedAnswer a = StreamedAnswer.parse(List.of(Buffer.buffer(s)), JSON);
    assertThat(a.toolCalls()).isEqualTo("a {}\nb {\"q\":1}");
  }
}
