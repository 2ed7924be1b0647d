package gw.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policies act on Messages and Responses clients as on chat ones, whatever API the provider speaks:
 * a leaked email is redacted in whole and streamed answers, a rate limit answers in the client's shape.
 */
class PoliciesOnEveryApiTest {
  private static final String LEAKED = "john.doe@example.com";
  @TempDir
  Path dataDir;

  private static AnthropicClient anthropic(GatewayHarness gw) {
    return AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gw.port()).apiKey(GatewayHarness.KEY)
        .maxRetries(0).build();
  }

  private static MessageCreateParams leakingQuestion(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("What is my account email?")
        .putAdditionalHeader("x-mock-chaos", "pii_leak").build();
  }

  @Test
  void aLeakIsRedactedForMessagesClientsOnEitherProviderAndForResponsesClients() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      AnthropicClient client = anthropic(gw);
      try {
        for (String model : new String[] {"claude-sonnet-4", "gpt-4o-mini"}) {
          String whole = client.messages().create(leakingQuestion(model)).content().get(0).text().orElseThrow().text();
          assertThat(whole).as(model).doesNotContain(LEAKED).contains("[REDACTED:email]");
          MessageAccumulator streamed = MessageAccumulator.create();
          try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(leakingQuestion(model))) {
            stream.stream().forEach(streamed::accumulate);
          }
          assertThat(streamed.message().content().get(0).text().orElseThrow().text()).as(model + " streamed")
              .doesNotContain(LEAKED).contains("[REDACTED:email]");
        }
      } finally {
        client.close();
      }
      Response response = gw.openAiClient().responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
          .input("What is my account email?").putAdditionalHeader("x-mock-chaos", "pii_leak").build());
      String text = response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text();
      assertThat(text).doesNotContain(LEAKED).contains("[REDACTED:email]");
    }
  }

  @Test
  void aRateLimitAnswersEachClientInItsOwnShape() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("budgets.json", Map.of("/rate_limits/default/rpm", 2)))) {
      JsonObject messages = new JsonObject().put("model", "claude-sonnet-4").put("max_tokens", 64)
          .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hi")));
      JsonObject responses = new JsonObject().put("model", "gpt-4o-mini").put("input", "Hi");
      assertThat(gw.post("/v1/messages", messages).statusCode()).isEqualTo(200);
      assertThat(gw.post("/v1/responses", responses).statusCode()).isEqualTo(200);

      HttpResponse<Buffer> limited = gw.post("/v1/messages", messages);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.getHeader("retry-after")).isNotNull();
      assertThat(limited.bodyAsJsonObject().getString("type")).isEqualTo("error");
      assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("type")).isEqualTo("rate_limit_error");
      assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("message")).startsWith("rate_limit");

      HttpResponse<Buffer> limitedToo = gw.post("/v1/responses", responses);
      assertThat(limitedToo.statusCode()).isEqualTo(429);
      assertThat(limitedToo.bodyAsJsonObject().getJsonObject("error").getString("code")).startsWith("rate_limit");
    }
  }
}
