package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamingRouteTest extends MockServerTestBase {

  private static final String QUESTION = "How many days do I have to ask for a refund?";

  @Test
  void streamsRoleContentStopUsageThenDone(VertxTestContext testContext) {
    JsonObject streamed = kbQuestion(QUESTION).put("stream", true)
        .put("stream_options", new JsonObject().put("include_usage", true));
    expect(testContext, Future.all(chat(streamed), chat(kbQuestion(QUESTION))), all -> {
      HttpResponse<Buffer> stream = all.resultAt(0);
      JsonObject whole = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject();
      assertThat(stream.getHeader("content-type")).startsWith("text/event-stream");
      List<Object> events = sseEvents(stream.bodyAsString());

      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      List<JsonObject> chunks = events.subList(0, events.size() - 1).stream().map(JsonObject.class::cast).toList();
      chunks.forEach(chunk -> {
        assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
        assertThat(chunk.getString("id")).isEqualTo(chunks.get(0).getString("id"));
        assertThat(chunk.containsKey("usage")).isTrue();
      });
      JsonObject first = delta(chunks.get(0));
      assertThat(first.getString("role")).isEqualTo("assistant");
      assertThat(first.getString("content")).isEmpty();

      JsonObject usageChunk = chunks.get(chunks.size() - 1);
      assertThat(usageChunk.getJsonArray("choices")).isEmpty();
      assertThat(usageChunk.getJsonObject("usage")).isEqualTo(whole.getJsonObject("usage"));

      JsonObject stop = chunks.get(chunks.size() - 2);
      assertThat(stop.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
      assertThat(delta(stop)).isEqualTo(new JsonObject());
      assertThat(stop.getValue("usage")).isNull();

      List<JsonObject> contentChunks = chunks.subList(1, chunks.size() - 2);
      assertThat(contentChunks).hasSizeGreaterThan(1);
      StringBuilder text = new StringBuilder();
      contentChunks.forEach(chunk -> text.append(delta(chunk).getString("content")));
      assertThat(text.toString()).isEqualTo(content(all.resultAt(1)));
    });
  }

  @Test
  void withoutIncludeUsageChunksCarryNoUsage(VertxTestContext testContext) {
    expect(testContext, chat(kbQuestion(QUESTION).put("stream", true)), response -> {
      List<Object> events = sseEvents(response.bodyAsString());
      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      JsonObject last = (JsonObject) events.get(events.size() - 2);
      assertThat(last.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
      assertThat(events.subList(0, events.size() - 1))
          .allSatisfy(chunk -> assertThat(((JsonObject) chunk).containsKey("usage")).isFalse());
    });
  }

  @Test
  void streamedToolCallEndsWithToolCallsFinish(VertxTestContext testContext) {
    JsonObject tool = new JsonObject().put("type", "function").put("function", new JsonObject()
        .put("name", "search_knowledge_base").put("parameters", new JsonObject().put("type", "object")
            .put("properties", new JsonObject().put("query", new JsonObject().put("type", "string")))));
    JsonObject body = chatBody("gpt-4o-mini", message("user", "Search the knowledge base for refunds"))
        .put("tools", new JsonArray().add(tool)).put("stream", true);
    expect(testContext, chat(body), response -> {
      List<Object> events = sseEvents(response.bodyAsString());
      JsonObject opening = delta((JsonObject) events.get(0)).getJsonArray("tool_calls").getJsonObject(0);
      assertThat(opening.getJsonObject("function").getString("name")).isEqualTo("search_knowledge_base");
      JsonObject arguments = delta((JsonObject) events.get(1)).getJsonArray("tool_calls").getJsonObject(0);
      assertThat(new JsonObject(arguments.getJsonObject("function").getString("arguments")).getString("query"))
          .isEqualTo("Search the knowledge base for refunds");
      JsonObject finish = (JsonObject) events.get(events.size() - 2);
      assertThat(finish.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("tool_calls");
    });
  }

  static JsonObject delta(JsonObject chunk) {
    return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
  }
}
