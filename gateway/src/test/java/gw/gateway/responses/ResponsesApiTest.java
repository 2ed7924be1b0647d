package gw.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import gw.gateway.chain.Wire;
import gw.gateway.config.GatewayConfig;
import gw.gateway.testing.GatewayHarness;
import gw.gateway.testing.JsonText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI's Responses API through the gateway, driven by the official OpenAI Java SDK against the mock:
 * as sent to a provider with a Responses API, translated to chat for one without, and to Messages for Claude.
 */
class ResponsesApiTest {
  private static final String EMAIL = "jane.doe@example.com";
  private static final String QUESTION = "How many days do I have to ask for a refund? Write to me at " + EMAIL;

  @TempDir
  static Path dataDir;
  static GatewayHarness gw;
  static OpenAIClient openAi;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults().withProviders(upstream -> {
      List<GatewayConfig.Provider> providers = new ArrayList<>(GatewayHarness.anthropicOnMock(upstream));
      providers.add(new GatewayConfig.Provider("chat-only", Wire.OPENAI,
          new GatewayConfig.Upstream(upstream, "sk-chat-only", 2_000, 10_000, 10_000, 8, false), List.of("mock-fast")));
      return providers;
    }));
    openAi = gw.openAiClient();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static ResponseCreateParams ask(String model) {
    return ResponseCreateParams.builder().model(model).instructions("You are a support assistant.").input(QUESTION)
        .build();
  }

  static String text(Response response) {
    return response.output().stream().flatMap(item -> item.message().stream())
        .flatMap(m -> m.content().stream()).flatMap(c -> c.outputText().stream())
        .map(t -> t.text()).reduce("", String::concat);
  }

  private static JsonObject lastMockRequest() {
    JsonArray all = gw.mockReceived();
    return all.getJsonObject(all.size() - 1);
  }

  private static String streamed(ResponseCreateParams params, List<Response> completed) {
    StringBuilder text = new StringBuilder();
    try (StreamResponse<ResponseStreamEvent> stream = openAi.responses().createStreaming(params)) {
      stream.stream().forEach(event -> {
        event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
        event.completed().ifPresent(c -> completed.add(c.response()));
      });
    }
    return text.toString();
  }

  @Test
  void theSdkCreatesStreamsAndRetrievesAResponseWithARedactedPricedTrace() {
    HttpResponseFor<Response> raw = openAi.responses().withRawResponse().create(ask("gpt-4o-mini"));
    Response response = raw.parse();
    assertThat(text(response)).isNotBlank();
    assertThat(response.usage().orElseThrow().outputTokens()).isPositive();
    assertThat(lastMockRequest().getString("path")).isEqualTo("/v1/responses");

    JsonNode trace = gw.trace(raw.headers().values("x-gateway-trace-id").get(0));
    assertThat(trace.path("route").asText()).isEqualTo("/v1/responses");
    assertThat(trace.path("output_text").asText()).isEqualTo(text(response).replace(EMAIL, "[REDACTED:email]"));
    assertThat(trace.toString()).doesNotContain(EMAIL);
    assertThat(trace.path("tokens").path("source").asText()).isEqualTo("provider");
    assertThat(trace.path("tokens").path("completion_tokens").asLong()).isEqualTo(response.usage().orElseThrow().outputTokens());
    assertThat(trace.path("cost_usd").asDouble()).isPositive();
    JsonNode llm = JsonText.llmSpans(trace).get(0);
    assertThat(llm.path("name").asText()).isEqualTo("llm /responses");
    assertThat(llm.path("attributes").path("provider").asText()).isEqualTo("openai");
    assertThat(llm.path("attributes").has("translated")).isFalse();

    List<Response> completed = new ArrayList<>();
    assertThat(streamed(ask("gpt-4o-mini"), completed)).isEqualTo(text(response));
    assertThat(completed.get(0).usage().orElseThrow().outputTokens()).isEqualTo(response.usage().orElseThrow().outputTokens());
    assertThat(completed.get(0).id()).isNotEqualTo(response.id());

    Response retrieved = openAi.responses().retrieve(response.id());
    assertThat(text(retrieved)).isEqualTo(text(response));
    assertThat(lastMockRequest().getString("path")).isEqualTo("/v1/responses/" + response.id());
    assertThat(text(openAi.responses().retrieve(completed.get(0).id()))).isEqualTo(text(response));

    Response followUp = openAi.responses().create(ResponseCreateParams.builder().model("gpt-4o-mini")
        .previousResponseId(response.id()).input("And how long does shipping take?").build());
    assertThat(followUp.previousResponseId()).hasValue(response.id());
    assertThat(followUp.usage().orElseThrow().inputTokens()).isGreaterThan(response.usage().orElseThrow().inputTokens());
  }

  @Test
  void aResponsesClientCanBeServedByClaudeAndByAChatOnlyServer() {
    Response reference = openAi.responses().create(ask("claude-sonnet-4"));
    assertThat(lastMockRequest().getString("path")).isEqualTo("/v1/messages");
    JsonObject sent = lastMockRequest().getJsonObject("body");
    assertThat(sent.getJsonArray("system").getJsonObject(0).getString("text")).isEqualTo("You are a support assistant.");
    assertThat(text(reference)).isNotBlank();
    assertThat(reference.model().string()).hasValue("claude-sonnet-4");
    assertThat(reference.usage().orElseThrow().outputTokens()).isPositive();
    List<Response> completed = new ArrayList<>();
    assertThat(streamed(ask("claude-sonnet-4"), completed)).isEqualTo(text(reference));
    assertThat(completed.get(0).usage().orElseThrow().outputTokens())
        .isEqualTo(reference.usage().orElseThrow().outputTokens());

    HttpResponseFor<Response> raw = openAi.responses().withRawResponse().create(ask("mock-fast"));
    assertThat(lastMockRequest().getString("path")).isEqualTo("/v1/chat/completions");
    assertThat(text(raw.parse())).isNotBlank();
    JsonNode llm = JsonText.llmSpans(gw.trace(raw.headers().values("x-gateway-trace-id").get(0))).get(0);
    assertThat(llm.path("attributes").path("provider").asText()).isEqualTo("chat-only");
    assertThat(llm.path("attributes").path("translated").asText()).isEqualTo("responses->openai");
  }

  @Test
  void aRequestThePoliciesChangedStillCarriesItsResponsesSettings() {
    Response first = openAi.responses().create(ask("gpt-4o-mini"));
    JsonObject body = new JsonObject().put("model", "gpt-4o-mini").put("previous_response_id", first.id())
        .put("input", "And how long does shipping take?").put("store", true)
        .put("gateway", new JsonObject().put("tags", new JsonArray().add("checkout")));
    var r = gw.post("/v1/responses", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject sent = lastMockRequest().getJsonObject("body");
    assertThat(sent.containsKey("gateway")).as("the gateway's own extension stays here").isFalse();
    assertThat(sent.getString("previous_response_id")).isEqualTo(first.id());
    assertThat(sent.getValue("input")).isEqualTo(new JsonArray().add(new JsonObject().put("type", "message")
        .put("role", "user").put("content", "And how long does shipping take?")));
    assertThat(r.bodyAsJsonObject().getString("previous_response_id")).isEqualTo(first.id());
    JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
    assertThat(trace.path("tags").toString()).contains("checkout");
  }

  @Test
  void whatOnlyAResponsesApiKeepsIsRefusedElsewhere() {
    Response first = openAi.responses().create(ask("gpt-4o-mini"));
    assertThatThrownBy(() -> openAi.responses().create(ResponseCreateParams.builder().model("claude-sonnet-4")
        .previousResponseId(first.id()).input("And shipping?").build()))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("previous_response_id");
  }

}
