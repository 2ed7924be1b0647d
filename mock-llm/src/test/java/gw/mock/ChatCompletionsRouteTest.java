package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCompletionsRouteTest extends MockServerTestBase {

  @Test
  void answersWithAFullChatCompletionObject(VertxTestContext testContext) {
    expect(testContext, chat(kbQuestion("How many days do I have to ask for a refund?")), response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("content-type")).startsWith("application/json");
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("id")).startsWith("chatcmpl-");
      assertThat(body.getString("object")).isEqualTo("chat.completion");
      assertThat(body.getLong("created")).isPositive();
      assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
      assertThat(body.getString("system_fingerprint")).isNotBlank();
      JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
      assertThat(choice.getInteger("index")).isZero();
      assertThat(choice.containsKey("logprobs")).isTrue();
      assertThat(choice.getString("finish_reason")).isEqualTo("stop");
      JsonObject message = choice.getJsonObject("message");
      assertThat(message.getString("role")).isEqualTo("assistant");
      assertThat(message.containsKey("refusal")).isTrue();
      assertThat(message.getString("content"))
          .isEqualTo("Refunds are accepted within 30 days of purchase. [kb/refunds.md]");
    });
  }

  @Test
  void usageEqualsJtokkitCounts(VertxTestContext testContext) {
    String question = "How many days do I have to ask for a refund?";
    expect(testContext, chat(kbQuestion(question)), response -> {
      JsonObject usage = response.bodyAsJsonObject().getJsonObject("usage");
      int expectedPrompt = 3 + (3 + TokenCounts.o200k("system") + TokenCounts.o200k(KB_SYSTEM))
          + (3 + TokenCounts.o200k("user") + TokenCounts.o200k(question));
      assertThat(usage.getInteger("prompt_tokens")).isEqualTo(expectedPrompt);
      assertThat(usage.getInteger("completion_tokens")).isEqualTo(TokenCounts.o200k(content(response)));
      assertThat(usage.getInteger("total_tokens"))
          .isEqualTo(usage.getInteger("prompt_tokens") + usage.getInteger("completion_tokens"));
    });
  }

  @Test
  void aLongPromptReportsCachedTokensAndAReasoningModelReasoningTokens(VertxTestContext testContext) {
    String longQuestion = "Please summarise our refund policy. " + "Context line about refunds and returns. ".repeat(200);
    JsonObject reasoning = kbQuestion("How many days do I have to ask for a refund?").put("model", "o3-mini");
    expect(testContext, Future.all(chat(kbQuestion(longQuestion)), chat(reasoning)), all -> {
      JsonObject longUsage = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject().getJsonObject("usage");
      int prompt = longUsage.getInteger("prompt_tokens");
      assertThat(prompt).isGreaterThan(1024);
      assertThat(longUsage.getJsonObject("prompt_tokens_details").getInteger("cached_tokens"))
          .isEqualTo(prompt / 128 * 128);
      assertThat(longUsage.getJsonObject("completion_tokens_details").getInteger("reasoning_tokens")).isZero();
      HttpResponse<Buffer> thought = all.resultAt(1);
      JsonObject usage = thought.bodyAsJsonObject().getJsonObject("usage");
      int visible = TokenCounts.cl100k(content(thought)); // an unknown model: the default profile's encoding
      assertThat(usage.getJsonObject("completion_tokens_details").getInteger("reasoning_tokens")).isEqualTo(2 * visible);
      assertThat(usage.getInteger("completion_tokens")).isEqualTo(3 * visible);
      assertThat(usage.getJsonObject("prompt_tokens_details").getInteger("cached_tokens")).as("a short prompt").isZero();
    });
  }

  @Test
  void sameRequestSameAnswerAndOtherQuestionOtherAnswer(VertxTestContext testContext) {
    JsonObject refund = kbQuestion("How many days do I have to ask for a refund?");
    JsonObject express = kbQuestion("How long does express shipping take?");
    expect(testContext, Future.all(chat(refund), chat(refund), chat(express)), all -> {
      HttpResponse<Buffer> first = all.resultAt(0);
      HttpResponse<Buffer> second = all.resultAt(1);
      HttpResponse<Buffer> other = all.resultAt(2);
      assertThat(content(second)).isEqualTo(content(first));
      assertThat(content(other)).isNotEqualTo(content(first)).contains("Express shipping takes 2 business days.");
    });
  }

  @Test
  void withoutCiteInstructionNoSourceTags(VertxTestContext testContext) {
    JsonObject body = chatBody("gpt-4o-mini",
        message("system", "Answer from the context.\n[source: kb/refunds.md] Refunds are accepted within 30 days."),
        message("user", "Within how many days are refunds accepted?"));
    expect(testContext, chat(body), response ->
        assertThat(content(response)).isEqualTo("Refunds are accepted within 30 days."));
  }

  @Test
  void withoutContextRestatesTheQuestion(VertxTestContext testContext) {
    expect(testContext, chat(chatBody("mock-fast", message("user", "What is the capital of Peru?"))), response ->
        assertThat(content(response)).startsWith("Based on the information available")
            .contains("What is the capital of Peru?"));
  }

  @Test
  void maxTokensCutsTheAnswerAndReportsLength(VertxTestContext testContext) {
    JsonObject body = kbQuestion("How many days do I have to ask for a refund?").put("max_tokens", 4);
    expect(testContext, chat(body), response -> {
      JsonObject choice = response.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0);
      assertThat(choice.getString("finish_reason")).isEqualTo("length");
      assertThat(TokenCounts.o200k(content(response))).isEqualTo(4);
      assertThat("Refunds are accepted within 30 days of purchase.").startsWith(content(response));
      assertThat(response.bodyAsJsonObject().getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(4);
    });
  }

  @Test
  void jsonResponseFormatGivesAJsonObjectString(VertxTestContext testContext) {
    JsonObject body = kbQuestion("How many days do I have to ask for a refund?")
        .put("response_format", new JsonObject().put("type", "json_object"));
    expect(testContext, chat(body), response -> {
      JsonObject answer = new JsonObject(content(response));
      assertThat(answer.getString("answer")).contains("30 days");
      assertThat(answer.getJsonArray("sources")).containsExactly("kb/refunds.md");
    });
  }

  @Test
  void callsAToolTheQuestionAsksForThenAnswersFromItsResult(VertxTestContext testContext) {
    JsonObject tool = new JsonObject("""
        {"type": "function", "function": {"name": "lookup_order_status", "parameters": {"type": "object",
         "properties": {"order_id": {"type": "integer"}, "channel": {"type": "string", "enum": ["web", "app"]}},
         "required": ["order_id", "channel"]}}}""");
    JsonObject first = chatBody("gpt-4o", message("user", "What is the status of my order 1234?"))
        .put("tools", new JsonArray().add(tool));
    Future<HttpResponse<Buffer>> calls = chat(first);
    Future<HttpResponse<Buffer>> answers = calls.compose(response -> {
      JsonObject call = response.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0)
          .getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
      JsonArray messages = first.getJsonArray("messages").copy()
          .add(new JsonObject().put("role", "assistant").put("content", (String) null)
              .put("tool_calls", new JsonArray().add(call)))
          .add(new JsonObject().put("role", "tool").put("tool_call_id", call.getString("id"))
              .put("content", "Order 1234 status: shipped on Monday."));
      return chat(first.copy().put("messages", messages));
    });
    expect(testContext, Future.all(calls, answers), all -> {
      JsonObject choice = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject().getJsonArray("choices")
          .getJsonObject(0);
      assertThat(choice.getString("finish_reason")).isEqualTo("tool_calls");
      JsonObject call = choice.getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
      assertThat(call.getString("id")).startsWith("call_");
      assertThat(call.getString("type")).isEqualTo("function");
      assertThat(call.getJsonObject("function").getString("name")).isEqualTo("lookup_order_status");
      assertThat(new JsonObject(call.getJsonObject("function").getString("arguments")))
          .isEqualTo(new JsonObject().put("order_id", 1234).put("channel", "web"));
      assertThat(content(all.resultAt(1))).isEqualTo("Order 1234 status: shipped on Monday.");
    });
  }

  @Test
  void missingOrEmptyFieldsAndBadJsonAreOpenAi400s(VertxTestContext testContext) {
    List<Future<HttpResponse<Buffer>>> responses = List.of(
        chat(new JsonObject().put("model", "gpt-4o-mini")),
        chat(new JsonObject().put("model", "gpt-4o-mini").put("messages", new JsonArray())),
        chat(new JsonObject().put("messages", new JsonArray().add(message("user", "hi")))),
        post("/v1/chat/completions").putHeader("content-type", "application/json")
            .sendBuffer(Buffer.buffer("{\"model\": \"gpt-4o-mini\", \"messages\": [")),
        chat(chatBody("text-embedding-3-small", message("user", "hi"))),
        chat(chatBody("gpt-4o-mini", message("user", "hi")).put("max_tokens", 0)));
    expect(testContext, Future.all(responses), all -> {
      List<String> params = Arrays.asList("messages", "messages", "model", null, "model", "max_tokens");
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).as("request %d", i).isEqualTo(400);
        JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
        assertThat(error.fieldNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("message")).isNotBlank();
        assertThat(error.getString("param")).as("param of request %d", i).isEqualTo(params.get(i));
      }
      JsonObject empty = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonObject("error");
      assertThat(empty.getString("code")).isEqualTo("empty_array");
    });
  }
}
