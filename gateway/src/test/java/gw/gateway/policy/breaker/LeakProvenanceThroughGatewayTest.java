package gw.gateway.policy.breaker;

import static gw.gateway.testing.GatewayHarness.ADMIN_TOKEN;
import static gw.gateway.testing.GatewayHarness.OPERATOR_TOKEN;
import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DATA_INCIDENT judges each value by where it came from, through the real gateway and mock: the
 * caller's own details and the documents' contact data pass untouched; a card number only the
 * documents hold is a leak of the tenant that asked, and only that tenant's traces stop keeping content.
 */
class LeakProvenanceThroughGatewayTest {
  private static final String CARD = "4111 1111 1111 1111";
  @TempDir Path dataDir;

  private static GatewayHarness start(Path dataDir) {
    return GatewayHarness.start(dataDir, GatewayHarness.Options.defaults()
        .withConfig("incidents.json", Map.of("/triage/evaluate_every_ms", 60_000)));
  }

  /** A RAG request as apps send it: the document in the system prompt and reported in {@code gateway.retrieval}. */
  private static JsonObject rag(String document, String question) {
    JsonObject body = chat("gpt-4o-mini", question);
    body.getJsonArray("messages").add(0, new JsonObject().put("role", "system")
        .put("content", "Answer from the context.\nContext:\n[source: kb/doc.md] " + document));
    body.put("gateway", new JsonObject().put("retrieval", new JsonObject().put("query", question)
        .put("documents", new JsonArray().add(new JsonObject().put("source", "kb/doc.md").put("score", 0.8)
            .put("content", document)))));
    return body;
  }

  private static String content(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
  }

  private static JsonNode breaker(GatewayHarness gw) {
    return GatewayHarness.readTree(gw.admin("/admin/breakers/DATA_INCIDENT", ADMIN_TOKEN).bodyAsString());
  }

  /** The DATA_INCIDENT incident one tick opens from what was sent so far. */
  private static JsonNode openIncidentAfterATick(GatewayHarness gw) {
    gw.evaluateIncidents();
    JsonNode open = GatewayHarness.readTree(gw.admin("/admin/incidents?status=open&class=DATA_INCIDENT", ADMIN_TOKEN)
        .bodyAsString()).path("data");
    if (open.isEmpty()) {
      throw new AssertionError("no DATA_INCIDENT incident opened");
    }
    return open.get(0);
  }

  @Test
  void theUsersOwnDetailsEchoedAndTheDocumentsContactDataPassUntouched() {
    try (GatewayHarness gw = start(dataDir)) {
      // No context: the mock's answer quotes the question, with the user's own address in it.
      HttpResponse<Buffer> echo = gw.post("/v1/chat/completions",
          chat("gpt-4o-mini", "My email is Jane.Roe@example.com and my phone (415) 555-0132, can you update them?"));
      assertThat(content(echo)).contains("Jane.Roe@example.com").contains("(415) 555-0132");
      assertThat(echo.getHeader("x-gateway-action")).isNull();

      HttpResponse<Buffer> contact = gw.post("/v1/chat/completions", rag(
          "For help with an order write to help@corp.example or call 1-888-555-0147.", "How do I get help with an order?"));
      assertThat(content(contact)).contains("help@corp.example").contains("1-888-555-0147");
      assertThat(contact.getHeader("x-gateway-action")).isNull();

      // A key the user pasted is never shown back, but it is theirs: no leak.
      HttpResponse<Buffer> key = gw.post("/v1/chat/completions",
          chat("gpt-4o-mini", "Why does my key sk-proj-abcdefghijklmnopqrstuvwx fail?"));
      assertThat(content(key)).doesNotContain("sk-proj-abcdefghijklmnopqrstuvwx").contains("[REDACTED:openai_key]");
      assertThat(key.getHeader("x-gateway-action")).isEqualTo(DataIncidentPolicy.REDACT_CREDENTIALS_ACTION);

      JsonNode v = breaker(gw);
      assertThat(v.path("state").asText()).isEqualTo("closed");
      assertThat(v.path("trips").asLong()).isZero();
      // The traces are redacted as always, echo or not.
      assertThat(gw.trace(echo.getHeader("x-gateway-trace-id")).path("output_text").asText())
          .doesNotContain("Jane.Roe@example.com").contains("[REDACTED:email]");
    }
  }

  @Test
  void aCardNumberOnlyTheDocumentsHoldIsCaughtAcrossStreamChunksAndOpensASev1ForThatTenantOnly() {
    try (GatewayHarness gw = start(dataDir)) {
      JsonObject body = rag("The test account's card is " + CARD + ".", "Which card is on the test account?");
      var params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
          .addSystemMessage(body.getJsonArray("messages").getJsonObject(0).getString("content"))
          .addUserMessage("Which card is on the test account?")
          .putAdditionalBodyProperty("gateway", com.openai.core.JsonValue.from(GatewayHarness.JSON.convertValue(
              GatewayHarness.readTree(body.getJsonObject("gateway").encode()), Map.class)))
          .build();
      String text;
      try (var stream = gw.openAiClient().chat().completions().createStreaming(params)) {
        text = stream.stream().flatMap(c -> c.choices().stream())
            .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
      }
      assertThat(text).doesNotContain(CARD).doesNotContain("4111").contains("[REDACTED:credit_card]");

      JsonNode v = breaker(gw);
      assertThat(v.path("state").asText()).isEqualTo("open");
      assertThat(v.path("trip_reason").asText()).contains("tenant 'acme'")
          .contains("credit_card (retrieved documents only)").contains("streamed answer").doesNotContain("4111");
      JsonNode incident = openIncidentAfterATick(gw);
      assertThat(incident.path("severity").asText()).isEqualTo("SEV-1");
      assertThat(incident.toString()).contains("tenant 'acme'");

      // Blast radius: the leaking tenant's traces keep no content, another tenant's do.
      HttpResponse<Buffer> acme = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Shipping times?"));
      HttpResponse<Buffer> beta = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Shipping times?"),
          "Authorization", "Bearer " + GatewayHarness.BETA_KEY);
      assertThat(gw.trace(acme.getHeader("x-gateway-trace-id")).path("input_text").isTextual()).isFalse();
      assertThat(gw.trace(beta.getHeader("x-gateway-trace-id")).path("input_text").asText()).isEqualTo("Shipping times?");
    }
  }

  @Test
  void inObserveModeALeakTripsAndOpensAnIncidentButTheAnswerAndTracesAreLeftAsTheyWere() {
    try (GatewayHarness gw = start(dataDir)) {
      gw.adminPost("/admin/breakers/DATA_INCIDENT", new JsonObject().put("mode", "observe")
          .put("reason", "new deployment, watching first"), OPERATOR_TOKEN);
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "What is my account email?"),
          "x-mock-chaos", "pii_leak");
      assertThat(content(r)).contains("john.doe@example.com");
      assertThat(r.getHeader("x-gateway-action")).isNull();

      JsonNode v = breaker(gw);
      assertThat(v.path("mode").asText()).isEqualTo("observe");
      assertThat(v.path("trips").asLong()).isEqualTo(1);
      assertThat(v.path("observed").asLong()).isEqualTo(1);
      assertThat(v.path("interceptions").asLong()).isZero();
      JsonNode incident = openIncidentAfterATick(gw);
      assertThat(incident.path("severity").asText()).isEqualTo("SEV-1");
      assertThat(incident.path("mitigated_at").isNull()).isTrue();
      assertThat(incident.path("observed").path("would_have").asText()).isNotBlank();
      assertThat(gw.trace(r.getHeader("x-gateway-trace-id")).path("observed_actions").toString())
          .contains(DataIncidentPolicy.REDACT_ACTION);

      HttpResponse<Buffer> next = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Shipping times?"));
      JsonNode nextTrace = gw.trace(next.getHeader("x-gateway-trace-id"));
      assertThat(nextTrace.path("input_text").asText()).isEqualTo("Shipping times?");
      assertThat(nextTrace.path("observed_actions").toString()).contains(DataIncidentPolicy.WITHHOLD_ACTION);
    }
  }
}
