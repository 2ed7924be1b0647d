package gw.gateway.openai;

import io.vertx.core.buffer.Buffer;

/**
 * Whether a provider's stream ended with OpenAI's {@code data: [DONE]} event, judged from the last
 * bytes seen (the marker may be split across chunks). A stream that ends without it was cut short,
 * however cleanly its connection ended: the client must not take it for a complete answer.
 */
public final class StreamCompletion {
  /** Room for "data:", a few spaces, "[DONE]" and the line ends after it. */
  private final byte[] tail = new byte[32];
  private int length;

  public void add(Buffer chunk) {
    int n = chunk.length();
    int keep = Math.min(n, tail.length);
    int shift = Math.min(length, tail.length - keep);
    System.arraycopy(tail, length - shift, tail, 0, shift);
    chunk.getBytes(n - keep, n, tail, shift);
    length = shift + keep;
  }

  /** The last event seen is {@code [DONE]} (spaces after "data:" and the line ends may vary). */
  public boolean done() {
    int end = length;
    while (end > 0 && (tail[end - 1] == '\n' || tail[end - 1] == '\r' || tail[end - 1] == ' ')) {
      end--;
    }
    int start = end - SseBytes.DONE.length;
    if (start < 0 || !SseBytes.startsWith(tail, start, end, SseBytes.DONE)) {
      return false;
    }
    int dataEnd = start;
    while (dataEnd > 0 && tail[dataEnd - 1] == ' ') {
      dataEnd--;
    }
    return dataEnd >= SseBytes.DATA.length
        && SseBytes.startsWith(tail, dataEnd - SseBytes.DATA.length, dataEnd, SseBytes.DATA);
  }
}
