package gw.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class UnaskedUsageTest {
  private static final String CONTENT = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],"
      + "\"usage\":null}\n\n";
  private static final String FINISH = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},"
      + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
  private static final String USAGE = "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
      + "\"completion_tokens\":2,\"total_tokens\":11}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  /** What the client gets when the stream arrives cut at {@code cuts} (byte offsets). */
  private static String relayed(String stream, int... cuts) {
    UnaskedUsage filter = new UnaskedUsage();
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int cut : cuts) {
      out.append(filter.filter(Buffer.buffer(stream.substring(from, cut))));
      from = cut;
    }
    out.append(filter.filter(Buffer.buffer(stream.substring(from))));
    Buffer rest = filter.rest();
    return rest == null ? out.toString() : out.append(rest).toString();
  }

  @Test
  void theUsageEventIsTakenOutWhereverTheChunksAreCut() {
    String stream = CONTENT + FINISH + USAGE + DONE;
    String expected = CONTENT + FINISH + DONE;
    assertThat(relayed(stream)).isEqualTo(expected);
    for (int cut = 1; cut < stream.length(); cut++) {
      assertThat(relayed(stream, cut)).as("cut at " + cut).isEqualTo(expected);
    }
    int usageAt = stream.indexOf(USAGE);
    assertThat(relayed(stream, usageAt + 5, usageAt + 20, usageAt + USAGE.length() + 3)).isEqualTo(expected);
  }

  @Test
  void carriageReturnLineEndsAndOtherEventsPassUntouched() {
    String crlf = (CONTENT + USAGE + DONE).replace("\n", "\r\n");
    assertThat(relayed(crlf)).isEqualTo((CONTENT + DONE).replace("\n", "\r\n"));
    // usage beside content (some servers send both in one event) is the client's text: kept.
    String both = "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":{\"total_tokens\":3}}\n\n";
    assertThat(relayed(both + DONE)).isEqualTo(both + DONE);
  }

  @Test
  void completeChunksWithoutUsagePassAsTheSameBufferAndAnUnfinishedTailWaits() {
    UnaskedUsage filter = new UnaskedUsage();
    Buffer chunk = Buffer.buffer(CONTENT);
    assertThat(filter.filter(chunk)).isSameAs(chunk);
    assertThat(filter.filter(Buffer.buffer("data: {\"id\"")).length()).isZero();
    assertThat(filter.rest()).hasToString("data: {\"id\"");
    assertThat(filter.rest()).isNull();
  }
}
