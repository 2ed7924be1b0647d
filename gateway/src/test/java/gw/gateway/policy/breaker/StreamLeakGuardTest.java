package gw.gateway.policy.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.chain.Exchange;
import gw.gateway.chain.Route;
import gw.gateway.openai.StreamedAnswer;
import gw.gateway.policy.leak.Allowlist;
import gw.gateway.policy.leak.LeakJudge;
import gw.traces.redact.Redactor;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamLeakGuardTest {
  private final AtomicInteger leaks = new AtomicInteger();

  private static String event(String content, String finish) {
    JsonObject delta = content == null ? new JsonObject() : new JsonObject().put("content", content);
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finish);
    return "data: " + new JsonObject().put("id", "c1").put("object", "chat.completion.chunk").put("model", "m")
        .put("choices", new JsonArray().add(choice)).encode() + "\n\n";
  }

  private static String stream(String... contents) {
    StringBuilder sse = new StringBuilder();
    for (String c : contents) {
      sse.append(event(c, null));
    }
    return sse.append(event(null, "stop")).append("data: [DONE]\n\n").toString();
  }

  /** Feeds the stream in pieces of {@code size} bytes; returns every piece sent to the client. */
  private List<String> relay(StreamLeakGuard guard, String sse, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sse.length(); i += size) {
      out.add(guard.onChunk(Buffer.buffer(sse.substring(i, Math.min(sse.length(), i + size)))).toString());
    }
    Buffer tail = guard.onEnd();
    if (tail != null) {
      out.add(tail.toString());
    }
    return out;
  }

  private static StreamedAnswer parse(List<String> pieces) {
    List<Buffer> buffers = new ArrayList<>();
    pieces.forEach(p -> buffers.add(Buffer.buffer(p)));
    return StreamedAnswer.parse(buffers, new com.fasterxml.jackson.databind.ObjectMapper());
  }

  private StreamLeakGuard guard(boolean block) {
    return guard(block, "What is the refund window?");
  }

  /** A guard for the answer to a request whose user turn is {@code question}. */
  private StreamLeakGuard guard(boolean block, String question) {
    Exchange request = new Exchange("t1", Route.CHAT_COMPLETIONS, MultiMap.caseInsensitiveMultiMap(), Instant.now(), 0);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("messages").addObject().put("role", "user").put("content", question);
    request.body(body);
    Redactor redactor = Redactor.defaults();
    AnswerScan scan = new AnswerScan(request, redactor, new LeakJudge(Allowlist.NONE), true, first -> leaks.incrementAndGet());
    return new StreamLeakGuard(redactor.stream(scan::replace), block, scan, 4096);
  }

  @Test
  void aCleanStreamPassesUnchangedInTextAndOrder() {
    String sse = stream("Refunds take ", "30 days ", "from delivery.");
    StreamedAnswer answer = parse(relay(guard(false), sse, 7));
    assertThat(answer.content()).isEqualTo("Refunds take 30 days from delivery.");
    assertThat(answer.done()).isTrue();
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(leaks).hasValue(0);
  }

  @Test
  void anEmailSplitAcrossEventsAndNetworkChunksIsRedactedAndNeverSentRaw() {
    String sse = stream("Write to john.d", "oe@exam", "ple.com for help.");
    for (int size : new int[] {1, 5, 64, 4096}) {
      leaks.set(0);
      List<String> pieces = relay(guard(false), sse, size);
      assertThat(String.join("", pieces)).doesNotContain("john.doe@example.com").doesNotContain("oe@exam");
      assertThat(parse(pieces).content()).isEqualTo("Write to [REDACTED:email] for help.");
      assertThat(leaks).as("piece size " + size).hasValue(1);
    }
  }

  @Test
  void heldTextIsSentEvenWhenTheStreamEndsWithoutDone() {
    String sse = event("The key is sk-proj-abcdefghijklmnopqrstuvwx", null);
    List<String> pieces = relay(guard(false), sse, 10);
    assertThat(parse(pieces).content()).isEqualTo("The key is [REDACTED:openai_key]");
  }

  @Test
  void blockingReplacesTheRestOfTheAnswerAndMarksTheFinishAsContentFilter() {
    List<String> pieces = relay(guard(true), stream("Call 555-123-4567 ", "or write ", "to us."), 8);
    StreamedAnswer answer = parse(pieces);
    // What went out before the leak was seen stays sent; nothing of the number does.
    assertThat(String.join("", pieces)).doesNotContain("555-123-4567");
    assertThat(answer.content()).isEqualTo("Call " + DataIncidentPolicy.BLOCKED_TEXT);
    assertThat(answer.finishReason()).isEqualTo("content_filter");
  }

  @Test
  void theCallersOwnPhoneSplitAcrossEventsAndWrittenAnotherWayIsAnEchoSentAsIs() {
    String sse = stream("We will call you at 415 5", "55 0132 tomorrow.");
    for (int size : new int[] {1, 9, 4096}) {
      leaks.set(0);
      StreamedAnswer answer = parse(relay(guard(false, "Call me back on (415) 555-0132 please"), sse, size));
      assertThat(answer.content()).isEqualTo("We will call you at 415 555 0132 tomorrow.");
      assertThat(leaks).as("piece size " + size).hasValue(0);
    }
  }

  @Test
  void theCallersOwnKeyEchoedIsRedactedButIsNoLeak() {
    String key = "sk-proj-abcdefghijklmnopqrstuvwx";
    List<String> pieces = relay(guard(true, "Why does " + key + " fail?"), stream("Your key ", key, " expired."), 6);
    assertThat(String.join("", pieces)).doesNotContain(key);
    assertThat(parse(pieces).content()).isEqualTo("Your key [REDACTED:openai_key] expired.");
    assertThat(leaks).hasValue(0);
  }

  @Test
  void aPieceOfUnchangedEventsGoesOutAsTheSameBuffer() {
    StreamLeakGuard guard = guard(false);
    Buffer role = Buffer.buffer("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n");
    Buffer line = Buffer.buffer(event("Refunds take 30 days.\n", null));
    assertThat(guard.onChunk(role)).isSameAs(role);
    assertThat(guard.onChunk(line)).as("a text ending in a line break is emitted whole").isSameAs(line);
  }

  @Test
  void aChangedEventKeepsEveryOtherByteTheProviderSent() {
    String first = "data:{\"id\": \"c1\", \"system_fingerprint\": \"fp_1\", \"choices\": [{\"index\": 0,"
        + " \"delta\": {\"content\": \"Write to john.d\"}, \"finish_reason\": null}]}\n\n";
    List<String> pieces = relay(guard(false), first + event("oe@example.com today.\n", null), 4096);
    String out = String.join("", pieces);
    assertThat(out).startsWith(first.replace("Write to john.d", "Write to "));
    assertThat(parse(pieces).content()).isEqualTo("Write to [REDACTED:email] today.\n");
  }

  @Test
  void textWithEscapesAndCharactersSplitAcrossPiecesArrivesIntact() {
    String text = "Caf\u00e9 cr\u00e8me \"br\u00fbl\u00e9e\" \u2014 \u20ac4, tab\there. Ok";
    String sse = stream(text, " then more.");
    byte[] bytes = sse.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StreamLeakGuard guard = guard(false);
    List<Buffer> out = new ArrayList<>();
    for (byte b : bytes) { // one byte at a time: every multi-byte character is split
      out.add(guard.onChunk(Buffer.buffer(new byte[] {b})));
    }
    Buffer tail = guard.onEnd();
    if (tail != null) {
      out.add(tail);
    }
    StreamedAnswer answer = StreamedAnswer.parse(out, new com.fasterxml.jackson.databind.ObjectMapper());
    assertThat(answer.content()).isEqualTo(text + " then more.");
    assertThat(answer.done()).isTrue();
  }

  @Test
  void anEventThatNeverEndsIsRefusedOnceBeyondTheEventCap() {
    StreamLeakGuard guard = guard(false);
    Buffer endless = Buffer.buffer("data: {\"choices\":[{\"delta\":{\"content\":\"" + "a".repeat(3000));
    guard.onChunk(endless); // under the cap: held, waiting for the event's end
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.onChunk(Buffer.buffer("b".repeat(2000))))
        .isInstanceOf(gw.gateway.chain.GatewayFailure.class)
        .hasFieldOrPropertyWithValue("code", "upstream_event_too_large");
  }
}
