package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Anthropic's Messages API on the mock: the same answers as chat, in Anthropic's shapes. */
class MessagesRouteTest extends MockServerTestBase {

  private static final String QUESTION = "How many days do I have to ask for a refund?";

  private Future<HttpResponse<Buffer>> messages(JsonObject body, String chaos) {
    var request = post("/v1/messages").putHeader("anthropic-version", "2023-06-01");
    return (chaos == null ? request : request.putHeader("x-mock-chaos", chaos)).sendJsonObject(body);
  }

  private static JsonObject kbMessages(String model) {
    return new JsonObject().put("model", model).put("max_tokens", 512).put("system", KB_SYSTEM)
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
            .put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", QUESTION)))));
  }

  @Test
  void answersTheSameTextAsChatInAMessageObject(VertxTestContext testContext) {
    expect(testContext, Future.all(messages(kbMessages("gpt-4o-mini"), null), chat(kbQuestion(QUESTION))), all -> {
      HttpResponse<Buffer> response = all.resultAt(0);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject message = response.bodyAsJsonObject();
      assertThat(message.getString("type")).isEqualTo("message");
      assertThat(message.getString("role")).isEqualTo("assistant");
      assertThat(message.getString("id")).startsWith("msg_mock");
      assertThat(message.getString("stop_reason")).isEqualTo("end_turn");
      JsonObject block = message.getJsonArray("content").getJsonObject(0);
      assertThat(block.getString("type")).isEqualTo("text");
      assertThat(block.getString("text")).isEqualTo(content(all.resultAt(1)));
      JsonObject chatUsage = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonObject("usage");
      JsonObject usage = message.getJsonObject("usage");
      assertThat(usage.getInteger("output_tokens")).isEqualTo(chatUsage.getInteger("completion_tokens"));
      assertThat(usage.getInteger("input_tokens")).isEqualTo(chatUsage.getInteger("prompt_tokens"));
      assertThat(usage.getInteger("cache_read_input_tokens")).isZero();
    });
  }

  @Test
  void streamsMessageStartBlocksDeltaAndStop(VertxTestContext testContext) {
    JsonObject streamed = kbMessages("claude-sonnet-4").put("stream", true);
    expect(testContext, Future.all(messages(streamed, null), messages(kbMessages("claude-sonnet-4"), null)), all -> {
      HttpResponse<Buffer> stream = all.resultAt(0);
      JsonObject whole = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject();
      assertThat(stream.getHeader("content-type")).startsWith("text/event-stream");
      List<String> names = new ArrayList<>();
      List<JsonObject> events = new ArrayList<>();
      for (String event : stream.bodyAsString().split("\n\n")) {
        String[] lines = event.split("\n");
        assertThat(lines[0]).startsWith("event: ");
        names.add(lines[0].substring(7));
        JsonObject data = new JsonObject(lines[1].substring(6));
        assertThat(data.getString("type")).isEqualTo(names.get(names.size() - 1));
        events.add(data);
      }
      assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
      assertThat(names.subList(names.size() - 3, names.size()))
          .containsExactly("content_block_stop", "message_delta", "message_stop");
      StringBuilder text = new StringBuilder();
      events.stream().filter(e -> e.getString("type").equals("content_block_delta"))
          .forEach(e -> text.append(e.getJsonObject("delta").getString("text")));
      assertThat(text.toString()).isEqualTo(whole.getJsonArray("content").getJsonObject(0).getString("text"));
      JsonObject delta = events.get(events.size() - 2);
      assertThat(delta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
      assertThat(delta.getJsonObject("usage").getInteger("output_tokens"))
          .isEqualTo(whole.getJsonObject("usage").getInteger("output_tokens"));
      assertThat(events.get(0).getJsonObject("message").getJsonObject("usage").getInteger("input_tokens"))
          .isEqualTo(whole.getJsonObject("usage").getInteger("input_tokens"));
    });
  }

  @Test
  void aMarkedLongPromptWritesTheCacheOnTheFirstTurnAndReadsItAfter(VertxTestContext testContext) {
    String longContext = "Refunds are accepted within 30 days of purchase. ".repeat(150);
    JsonArray system = new JsonArray().add(new JsonObject().put("type", "text").put("text", longContext)
        .put("cache_control", new JsonObject().put("type", "ephemeral")));
    JsonObject first = kbMessages("claude-sonnet-4").put("system", system);
    JsonObject later = first.copy();
    later.getJsonArray("messages").add(new JsonObject().put("role", "assistant").put("content", "30 days."))
        .add(new JsonObject().put("role", "user").put("content", "And shipping?"));
    JsonObject unmarked = kbMessages("claude-sonnet-4").put("system", longContext);
    expect(testContext, Future.all(messages(first, null), messages(later, null), messages(unmarked, null)), all -> {
      JsonObject written = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject().getJsonObject("usage");
      JsonObject read = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonObject("usage");
      JsonObject none = ((HttpResponse<Buffer>) all.resultAt(2)).bodyAsJsonObject().getJsonObject("usage");
      int total = written.getInteger("input_tokens") + written.getInteger("cache_creation_input_tokens");
      assertThat(total).isGreaterThanOrEqualTo(1024);
      assertThat(written.getInteger("cache_creation_input_tokens")).isEqualTo(total / 128 * 128);
      assertThat(written.getInteger("cache_read_input_tokens")).isZero();
      assertThat(read.getInteger("cache_read_input_tokens")).isEqualTo(
          (read.getInteger("input_tokens") + read.getInteger("cache_read_input_tokens")) / 128 * 128).isPositive();
      assertThat(read.getInteger("cache_creation_input_tokens")).isZero();
      assertThat(none.getInteger("cache_read_input_tokens") + none.getInteger("cache_creation_input_tokens")).isZero();
    });
  }

  @Test
  void toolsAreCalledWithToolUseBlocks(VertxTestContext testContext) {
    JsonObject tool = new JsonObject().put("name", "get_weather").put("description", "Weather for a city")
        .put("input_schema", new JsonObject().put("type", "object").put("properties",
            new JsonObject().put("city", new JsonObject().put("type", "string"))));
    JsonObject body = new JsonObject().put("model", "claude-sonnet-4").put("max_tokens", 256)
        .put("tools", new JsonArray().add(tool)).put("tool_choice", new JsonObject().put("type", "any"))
        .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
            .put("content", "What is the weather in Paris?")));
    expect(testContext, messages(body, null), response -> {
      JsonObject message = response.bodyAsJsonObject();
      assertThat(message.getString("stop_reason")).isEqualTo("tool_use");
      JsonObject block = message.getJsonArray("content").getJsonObject(0);
      assertThat(block.getString("type")).isEqualTo("tool_use");
      assertThat(block.getString("name")).isEqualTo("get_weather");
      assertThat(block.getJsonObject("input").getString("city")).isEqualTo("What is the weather in Paris?");
      assertThat(block.getString("id")).isNotBlank();
    });
  }

  @Test
  void errorsAndChaosFailuresComeInAnthropicsShape(VertxTestContext testContext) {
    JsonObject noMaxTokens = kbMessages("claude-sonnet-4");
    noMaxTokens.remove("max_tokens");
    expect(testContext, Future.all(messages(noMaxTokens, null), messages(kbMessages("claude-sonnet-4"), "error_503"),
        messages(kbMessages("claude-sonnet-4"), "rate_limit")), all -> {
      HttpResponse<Buffer> invalid = all.resultAt(0);
      assertThat(invalid.statusCode()).isEqualTo(400);
      assertThat(invalid.bodyAsJsonObject().getString("type")).isEqualTo("error");
      assertThat(invalid.bodyAsJsonObject().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
      assertThat(invalid.bodyAsJsonObject().getJsonObject("error").getString("message")).contains("max_tokens");
      HttpResponse<Buffer> overloaded = all.resultAt(1);
      assertThat(overloaded.statusCode()).isEqualTo(503);
      assertThat(overloaded.bodyAsJsonObject().getJsonObject("error").getString("type")).isEqualTo("overloaded_error");
      HttpResponse<Buffer> limited = all.resultAt(2);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.getHeader("retry-after")).isNotNull();
      assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
    });
  }
}
