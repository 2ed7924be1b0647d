package gw.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream's chunks kept for the trace stay within the cap: its start and its end survive, the middle goes. */
class ExchangeStreamRetentionTest {
  @Test
  void beyondTheCapTheStartAndTheLastChunksAreKept() {
    Exchange ex = new Exchange("t", Route.CHAT_COMPLETIONS, MultiMap.caseInsensitiveMultiMap(), Instant.now(), 0);
    long cap = 256 * 1024;
    int chunks = 4000; // 4000 KiB streamed against a 256 KiB cap
    for (int i = 0; i < chunks; i++) {
      ex.addStreamChunk(Buffer.buffer(String.format("%-1024d", i)), i + 1, cap);
    }
    List<Buffer> kept = ex.streamChunks();
    long bytes = kept.stream().mapToLong(Buffer::length).sum();
    assertThat(bytes).isLessThanOrEqualTo(cap).isGreaterThan(cap - 2048);
    assertThat(kept.get(0).toString().trim()).isEqualTo("0");
    assertThat(kept.get(kept.size() - 1).toString().trim()).isEqualTo(String.valueOf(chunks - 1));
    assertThat(kept).hasSizeLessThan(chunks);
  }

  @Test
  void underTheCapEveryChunkIsKeptInOrder() {
    Exchange ex = new Exchange("t", Route.CHAT_COMPLETIONS, MultiMap.caseInsensitiveMultiMap(), Instant.now(), 0);
    for (int i = 0; i < 10; i++) {
      ex.addStreamChunk(Buffer.buffer("chunk" + i), i + 1, 1 << 20);
    }
    assertThat(ex.streamChunks()).extracting(Buffer::toString)
        .containsExactly("chunk0", "chunk1", "chunk2", "chunk3", "chunk4", "chunk5", "chunk6", "chunk7", "chunk8",
            "chunk9");
  }
}
