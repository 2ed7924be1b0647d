package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

class AdminRoutesTest extends MockServerTestBase {

  private static final JsonObject CHAOS = new JsonObject("""
      {"modes": {"error_503": {"rate": 0.5}, "latency": {"ms": 1500}, "rate_limit": {"retry_after": 2}}}""");

  @Test
  void postedChaosIsReturnedAndBothResetsClearIt(VertxTestContext testContext) {
    Future<HttpResponse<Buffer>> posted = post("/chaos").sendJsonObject(CHAOS);
    Future<HttpResponse<Buffer>> shown = posted.compose(r -> get("/chaos").send());
    Future<HttpResponse<Buffer>> deleted = shown.compose(r -> client.delete(server.actualPort(), "127.0.0.1",
        "/chaos").send());
    Future<HttpResponse<Buffer>> reposted = deleted.compose(r -> post("/chaos").sendJsonObject(CHAOS));
    Future<HttpResponse<Buffer>> reset = reposted.compose(r -> post("/chaos/reset").send());
    expect(testContext, Future.all(posted, shown, deleted, reset), all -> {
      JsonObject modes = shown.result().bodyAsJsonObject().getJsonObject("modes");
      assertThat(modes.getJsonObject("error_503").getDouble("rate")).isEqualTo(0.5);
      assertThat(modes.getJsonObject("latency").getLong("ms")).isEqualTo(1500);
      assertThat(modes.getJsonObject("rate_limit").getLong("retry_after")).isEqualTo(2);
      assertThat(ChaosSpec.fromJson(shown.result().bodyAsJsonObject())).isEqualTo(ChaosSpec.fromJson(CHAOS));
      assertThat(deleted.result().bodyAsJsonObject()).isEqualTo(new JsonObject().put("modes", new JsonObject()));
      assertThat(reset.result().bodyAsJsonObject().getJsonObject("modes")).isEmpty();
      assertThat(server.chaos().current().isEmpty()).isTrue();
    });
  }

  @Test
  void badChaosJsonIs400NamingTheField(VertxTestContext testContext) {
    JsonObject unknownMode = new JsonObject().put("modes", new JsonObject().put("empty_retrieval", new JsonObject()));
    JsonObject badRate = new JsonObject().put("modes", new JsonObject()
        .put("error_500", new JsonObject().put("rate", -0.1)));
    expect(testContext, Future.all(post("/chaos").sendJsonObject(unknownMode), post("/chaos").sendJsonObject(badRate)),
        all -> {
          JsonObject unknown = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject().getJsonObject("error");
          JsonObject rate = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonObject("error");
          assertThat(((HttpResponse<Buffer>) all.resultAt(0)).statusCode()).isEqualTo(400);
          assertThat(unknown.getString("param")).isEqualTo("modes.empty_retrieval");
          assertThat(unknown.getString("message")).contains("known modes:");
          assertThat(rate.getString("param")).isEqualTo("modes.error_500.rate");
          assertThat(rate.getString("message")).contains("[0, 1]");
          assertThat(server.chaos().current().isEmpty()).isTrue();
        });
  }

  @Test
  void badChaosHeaderIs400(VertxTestContext testContext) {
    expect(testContext, chat(kbQuestion("refund?"), "error_503,latency=fast"), response -> {
      assertThat(response.statusCode()).isEqualTo(400);
      JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
      assertThat(error.getString("param")).isEqualTo("x-mock-chaos");
      assertThat(error.getString("message")).contains("'latency=fast'");
    });
  }

  @Test
  void requestLogShowsWhatClientsSentAndCanBeCleared(VertxTestContext testContext) {
    Future<HttpResponse<Buffer>> sent = post("/v1/chat/completions").putHeader("Authorization", "Bearer sk-test")
        .putHeader("X-Tenant", "acme").sendJsonObject(kbQuestion("refund?"))
        .compose(r -> post("/v1/embeddings").sendBuffer(Buffer.buffer("not json")))
        .compose(r -> get("/chaos").send());
    Future<HttpResponse<Buffer>> listed = sent.compose(r -> get("/mock/requests").send());
    Future<HttpResponse<Buffer>> cleared = listed.compose(r -> client.delete(server.actualPort(), "127.0.0.1",
        "/mock/requests").send());
    expect(testContext, Future.all(listed, cleared), all -> {
      JsonArray entries = listed.result().bodyAsJsonArray();
      assertThat(entries).hasSize(2);
      JsonObject chatEntry = entries.getJsonObject(0);
      assertThat(chatEntry.getString("method")).isEqualTo("POST");
      assertThat(chatEntry.getString("path")).isEqualTo("/v1/chat/completions");
      assertThat(chatEntry.getJsonObject("headers").getString("authorization")).isEqualTo("Bearer sk-test");
      assertThat(chatEntry.getJsonObject("headers").getString("x-tenant")).isEqualTo("acme");
      assertThat(chatEntry.getJsonObject("body")).isEqualTo(kbQuestion("refund?"));
      assertThat(entries.getJsonObject(1).getValue("body")).isNull();
      assertThat(cleared.result().statusCode()).isEqualTo(204);
      assertThat(server.received()).isEmpty();
    });
  }

  @Test
  void requestLogKeepsTheLastHundred(VertxTestContext testContext) {
    Future<HttpResponse<Buffer>> chain = Future.succeededFuture();
    for (int i = 0; i < 105; i++) {
      int n = i;
      chain = chain.compose(r -> get("/v1/models/n" + n).send());
    }
    expect(testContext, chain, last -> {
      assertThat(server.received()).hasSize(100);
      assertThat(server.received().get(0).getString("path")).isEqualTo("/v1/models/n5");
      assertThat(server.received().get(99).getString("path")).isEqualTo("/v1/models/n104");
    });
  }
}
