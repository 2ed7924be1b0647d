package gw.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated request bodies against the real gateway and mock: chat requests whose every field may
 * be missing, of the wrong type, oddly encoded or surrounded by unknown fields, and valid bodies
 * with bytes flipped, cut or inserted. Whatever comes in, the answer is never a 5xx the gateway made
 * up, an error is in OpenAI's shape without a stack trace, and the gateway keeps serving.
 */
class GeneratedBodiesProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static GatewayHarness gw;

  @BeforeContainer
  static void start() throws Exception {
    gw = GatewayHarness.start(Files.createTempDirectory("gw-fuzz"));
  }

  @AfterContainer
  static void stop() {
    assertThat(gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "still there?")).statusCode())
        .isEqualTo(200);
    gw.close();
  }

  @Property(tries = 200)
  void anyChatBodyGetsAnAnswerOrAClientError(@ForAll("chatBodies") ObjectNode body) {
    check(send("/v1/chat/completions", body.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 200)
  void aValidBodyWithBytesFlippedCutOrInsertedGetsAnAnswerOrAClientError(@ForAll("mangledBodies") byte[] body) {
    check(send(body.length % 2 == 0 ? "/v1/chat/completions" : "/v1/embeddings", body));
  }

  private static HttpResponse<Buffer> send(String path, byte[] body) {
    return gw.send(HttpMethod.POST, path, MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + GatewayHarness.KEY).add("Content-Type", "application/json"),
        Buffer.buffer(body));
  }

  private static void check(HttpResponse<Buffer> r) {
    String answer = r.bodyAsString();
    assertThat(r.statusCode()).as(answer).isLessThan(500);
    assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ");
    if (r.statusCode() >= 400) {
      JsonNode error = GatewayHarness.readTree(answer).path("error");
      assertThat(error.path("message").isTextual()).as(answer).isTrue();
      assertThat(error.path("type").isTextual()).as(answer).isTrue();
    }
  }

  @Provide
  Arbitrary<ObjectNode> chatBodies() {
    return Combinators.combine(model(), messages(), stream(), gatewayObject(), extraFields())
        .as((model, messages, stream, gateway, extra) -> {
          ObjectNode body = NODES.objectNode();
          put(body, "model", model);
          put(body, "messages", messages);
          put(body, "stream", stream);
          put(body, "gateway", gateway);
          extra.forEach(field -> put(body, field.name(), field.value()));
          return body;
        });
  }

  @Provide
  Arbitrary<byte[]> mangledBodies() {
    byte[] valid = GatewayHarness.chat("gpt-4o-mini", "What is the refund window?").toString()
        .getBytes(StandardCharsets.UTF_8);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, valid.length - 1);
    Arbitrary<Byte> anyByte = Arbitraries.bytes();
    return Arbitraries.oneOf(
        Combinators.combine(at, anyByte).as((i, b) -> {
          byte[] out = valid.clone();
          out[i] = b;
          return out;
        }),
        at.map(i -> java.util.Arrays.copyOf(valid, i)),
        Combinators.combine(at, anyByte.array(byte[].class).ofMinSize(1).ofMaxSize(8)).as((i, bytes) -> {
          byte[] out = new byte[valid.length + bytes.length];
          System.arraycopy(valid, 0, out, 0, i);
          System.arraycopy(bytes, 0, out, i, bytes.length);
          System.arraycopy(valid, i, out, i + bytes.length, valid.length - i);
          return out;
        }));
  }

  private record Field(String name, JsonNode value) {}

  private static void put(ObjectNode body, String name, JsonNode value) {
    if (value != null) { // null: the field is left out
      body.set(name, value);
    }
  }

  private static Arbitrary<JsonNode> model() {
    return Arbitraries.oneOf(Arbitraries.of("gpt-4o-mini", "gpt-4o", "mock-fast").map(NODES::textNode),
        text().map(NODES::textNode), anyJson(), Arbitraries.just(null));
  }

  private static Arbitrary<JsonNode> messages() {
    Arbitrary<JsonNode> message = Combinators.combine(
        Arbitraries.oneOf(Arbitraries.of("user", "system", "assistant", "tool").map(NODES::textNode), anyJson()),
        Arbitraries.oneOf(text().map(NODES::textNode), anyJson()))
        .as((role, content) -> NODES.objectNode().<ObjectNode>set("role", role).set("content", content));
    Arbitrary<JsonNode> list = message.list().ofMinSize(0).ofMaxSize(4).map(ms -> {
      ArrayNode a = NODES.arrayNode();
      ms.forEach(a::add);
      return a;
    });
    return Arbitraries.oneOf(list, list, anyJson(), Arbitraries.just(null));
  }

  private static Arbitrary<JsonNode> stream() {
    return Arbitraries.oneOf(Arbitraries.of(true, false).map(NODES::booleanNode), anyJson(), Arbitraries.just(null));
  }

  private static Arbitrary<JsonNode> gatewayObject() {
    Arbitrary<JsonNode> tags = text().list().ofMaxSize(3).map(ts -> {
      ArrayNode a = NODES.arrayNode();
      ts.forEach(a::add);
      return a;
    });
    Arbitrary<JsonNode> partial = Combinators.combine(Arbitraries.oneOf(tags, anyJson()), anyJson())
        .as((t, retrieval) -> NODES.objectNode().<ObjectNode>set("tags", t).set("retrieval", retrieval));
    return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(null), partial, anyJson());
  }

  private static Arbitrary<List<Field>> extraFields() {
    return Combinators.combine(Arbitraries.oneOf(Arbitraries.of("temperature", "max_tokens", "n", "tools",
        "response_format", "stream_options", "user", "top_p"), text()), anyJson())
        .as(Field::new).list().ofMaxSize(3);
  }

  /** Strings with the characters that break things: controls, quotes, surrogate pairs, RTL, NUL. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings().withCharRange('\u0000', '\u024f').withChars("\"\\\u2028\u202e\ud83d\ude42\uffff")
        .ofMaxLength(40);
  }

  private static Arbitrary<JsonNode> anyJson() {
    return Arbitraries.lazyOf(
        () -> Arbitraries.integers().map(NODES::numberNode),
        () -> Arbitraries.doubles().map(NODES::numberNode),
        () -> text().map(NODES::textNode),
        () -> Arbitraries.of(true, false).map(NODES::booleanNode),
        () -> Arbitraries.just(NODES.nullNode()),
        () -> anyJson().list().ofMaxSize(3).map(vs -> {
          ArrayNode a = NODES.arrayNode();
          vs.forEach(a::add);
          return a;
        }),
        () -> Combinators.combine(text(), anyJson()).as((k, v) -> (JsonNode) NODES.objectNode().set(k, v)));
  }
}
