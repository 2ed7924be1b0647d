package gw.gateway.policy.redact;

import static gw.gateway.testing.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.Pipelines;
import gw.gateway.testing.GatewayHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream redaction, opted into through the pipeline: the provider never sees the PII. */
class UpstreamRedactionTest {
  @TempDir Path dataDir;

  private static JsonObject lastForwarded(GatewayHarness gw) {
    JsonArray received = gw.mockReceived();
    return received.getJsonObject(received.size() - 1).getJsonObject("body");
  }

  @Test
  void listedInThePipelineItRedactsChatAndEmbeddingInputBeforeTheProvider() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir,
        GatewayHarness.Options.defaults().withPipeline(Pipelines.ALL))) {
      HttpResponse<Buffer> r = gw.post("/v1/chat/completions",
          chat("gpt-4o-mini", "My email is jane.roe@example.org, where is my order?"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.getHeader("x-gateway-action")).isEqualTo("upstream_redaction/redact");
      String sent = lastForwarded(gw).getJsonArray("messages").getJsonObject(0).getString("content");
      assertThat(sent).isEqualTo("My email is [REDACTED:email], where is my order?");

      gw.post("/v1/embeddings", new JsonObject().put("model", "text-embedding-3-small")
          .put("input", new JsonArray().add("call 555-123-4567").add("plain text")));
      assertThat(lastForwarded(gw).getJsonArray("input").getList())
          .containsExactly("call [REDACTED:phone]", "plain text");

      HttpResponse<Buffer> clean = gw.post("/v1/chat/completions", chat("gpt-4o-mini", "Where is my order?"));
      assertThat(clean.getHeader("x-gateway-action")).isNull();
    }
  }

  @Test
  void notListedThePromptGoesUpstreamAsSent() {
    try (GatewayHarness gw = GatewayHarness.start(dataDir)) {
      gw.post("/v1/chat/completions", chat("gpt-4o-mini", "My email is jane.roe@example.org"));
      assertThat(lastForwarded(gw).getJsonArray("messages").getJsonObject(0).getString("content"))
          .contains("jane.roe@example.org");
    }
  }
}
