package gw.gateway.policy.prompt;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt registry through the real gateway and mock: rendering, pinning, canary, rollback, admin. */
class PromptsThroughGatewayTest {
  @TempDir Path dataDir;

  private static JsonObject promptChat(JsonObject promptRef) {
    JsonArray docs = new JsonArray().add(new JsonObject().put("source", "kb/refunds.md").put("score", 0.92)
        .put("content", "Refunds are accepted within 30 days of purchase."));
    return chat("gpt-4o-mini", "How many days do I have for refunds?").put("gateway", new JsonObject()
        .put("prompt", promptRef)
        .put("retrieval", new JsonObject().put("query", "refund window").put("documents", docs)));
  }

  private static JsonObject lastForwarded(GatewayHarness gw) {
    JsonArray received = gw.mockReceived();
    return received.getJsonObject(received.size() - 1).getJsonObject("body");
  }

  private static HttpResponse<Buffer> admin(GatewayHarness gw, String path, JsonObject body, String token) {
    return gw.adminPost(path, body, token);
  }

  @Test
  void theActiveVersionIsRenderedWithTheRetrievedContextBeforeTheClientsMessages() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions", promptChat(new JsonObject().put("id", "support-answer")));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      JsonArray messages = lastForwarded(gw).getJsonArray("messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.getJsonObject(0).getString("role")).isEqualTo("system");
      assertThat(messages.getJsonObject(0).getString("content")).contains("cite sources")
          .contains("[source: kb/refunds.md] Refunds are accepted within 30 days of purchase.");
      assertThat(messages.getJsonObject(1).getString("content")).isEqualTo("How many days do I have for refunds?");
      JsonNode trace = gw.trace(r.getHeader("x-gateway-trace-id"));
      assertThat(trace.path("prompt_id").asText()).isEqualTo("support-answer");
      assertThat(trace.path("prompt_version").asText()).isEqualTo("v2.0");
      assertThat(trace.path("output_text").asText()).as("v2.0 asks for citations").contains("[kb/refunds.md]");
    }
  }

  @Test
  void aPinnedVersionIsServedAndAnUnknownOneIsRefused() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions",
          promptChat(new JsonObject().put("id", "support-answer").put("version", "v1.0")));
      assertThat(gw.trace(r.getHeader("x-gateway-trace-id")).path("prompt_version").asText()).isEqualTo("v1.0");
      assertThat(lastForwarded(gw).getJsonArray("messages").getJsonObject(0).getString("content"))
          .doesNotContain("cite sources");

      HttpResponse<Buffer> bad = gw.post("/v1/chat/completions",
          promptChat(new JsonObject().put("id", "support-answer").put("version", "v9")));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("unknown_prompt_version");

      HttpResponse<Buffer> unregistered = gw.post("/v1/chat/completions",
          promptChat(new JsonObject().put("id", "my-own-prompt").put("version", "7")));
      assertThat(unregistered.statusCode()).as("an unknown id is only a label").isEqualTo(200);
      assertThat(lastForwarded(gw).getJsonArray("messages")).hasSize(1);
    }
  }

  @Test
  void aMaintainerAddsAVersionAndSplitsTrafficWithACanaryOfTwentyPercent() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      JsonObject v21 = new JsonObject().put("version", "v2.1").put("reason", "warmer tone")
          .put("messages", new JsonArray().add(new JsonObject().put("role", "system")
              .put("content", "Hi {{customer}}! Answer from the context and cite sources.\n{{context}}")));
      assertThat(admin(gw, "/admin/prompts/support-answer/versions", v21, GatewayHarness.OPERATOR_TOKEN).statusCode())
          .as("an operator may not change prompts").isEqualTo(403);
      assertThat(admin(gw, "/admin/prompts/support-answer/versions", v21, GatewayHarness.ADMIN_TOKEN).statusCode())
          .isEqualTo(201);
      assertThat(admin(gw, "/admin/prompts/support-answer/versions", v21, GatewayHarness.ADMIN_TOKEN).statusCode())
          .as("versions never change").isEqualTo(409);

      HttpResponse<Buffer> pinned = gw.post("/v1/chat/completions",
          promptChat(new JsonObject().put("id", "support-answer").put("version", "v2.1")));
      assertThat(pinned.statusCode()).isEqualTo(400);
      assertThat(pinned.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("prompt_variable_missing");

      assertThat(admin(gw, "/admin/prompts/support-answer", new JsonObject().put("reason", "canary v2.1")
          .put("canary", new JsonObject().put("version", "v2.1").put("share", 0.2)), GatewayHarness.ADMIN_TOKEN)
          .statusCode()).isEqualTo(200);
      int canary = 0;
      for (int i = 0; i < 500; i++) {
        HttpResponse<Buffer> r = gw.post("/v1/chat/completions", promptChat(new JsonObject().put("id", "support-answer")
            .put("variables", new JsonObject().put("customer", "Sam"))), "x-session-id", "session-" + i);
        assertThat(r.statusCode()).isEqualTo(200);
        if (lastForwarded(gw).getJsonArray("messages").getJsonObject(0).getString("content").startsWith("Hi Sam!")) {
          canary++;
        }
      }
      // 20% of 500 is 100; the binomial spread is ~9, so 70..130 is more than three of it.
      assertThat(canary).isBetween(70, 130);

      JsonNode entry = GatewayHarness.readTree(gw.admin("/admin/audit?target=prompt/support-answer",
          GatewayHarness.ADMIN_TOKEN).bodyAsString()).path("data").get(0);
      assertThat(entry.path("action").asText()).isEqualTo("prompt.update");
      assertThat(entry.path("details").path("canary").asText()).isEqualTo("none -> v2.1@0.2");
    }
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      JsonNode p = GatewayHarness.readTree(gw.admin("/admin/prompts/support-answer", GatewayHarness.BETA_VIEWER_TOKEN)
          .bodyAsString());
      assertThat(p.path("versions").has("v2.1")).as("survives a restart").isTrue();
      assertThat(p.path("canary").path("share").asDouble()).isEqualTo(0.2);
    }
  }

  @Test
  void qualityDegradationRollsBackToTheKnownGoodVersion() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      admin(gw, "/admin/prompts/support-answer", new JsonObject().put("active", "v1.0").put("known_good", "v2.0")
          .put("reason", "trying the old prompt"), GatewayHarness.ADMIN_TOKEN);
      JsonObject ref = new JsonObject().put("id", "support-answer");
      HttpResponse<Buffer> before = gw.post("/v1/chat/completions", promptChat(ref));
      assertThat(gw.trace(before.getHeader("x-gateway-trace-id")).path("prompt_version").asText()).isEqualTo("v1.0");

      gw.adminPost("/admin/breakers/QUALITY_DEGRADATION", new JsonObject().put("mode", "forced_open")
          .put("reason", "answers lost their citations"), GatewayHarness.OPERATOR_TOKEN);
      HttpResponse<Buffer> during = gw.post("/v1/chat/completions", promptChat(ref));
      assertThat(during.getHeader("x-gateway-action")).isEqualTo("quality_degradation/rollback_prompt");
      assertThat(gw.trace(during.getHeader("x-gateway-trace-id")).path("prompt_version").asText()).isEqualTo("v2.0");

      HttpResponse<Buffer> pinned = gw.post("/v1/chat/completions", promptChat(ref.copy().put("version", "v1.0")));
      assertThat(gw.trace(pinned.getHeader("x-gateway-trace-id")).path("prompt_version").asText())
          .as("a pinned version (e.g. a replay) is not rolled back").isEqualTo("v1.0");
    }
  }
}
