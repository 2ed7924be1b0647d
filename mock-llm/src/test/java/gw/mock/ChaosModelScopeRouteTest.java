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

/** Runtime chaos aimed at some models, set and read over {@code /chaos}. */
class ChaosModelScopeRouteTest extends MockServerTestBase {

  private static final JsonObject AT_GPT_4O = new JsonObject("""
      {"modes": {"error_503": {"rate": 1.0}}, "models": ["gpt-4o"]}""");

  @Test
  void scopedChaosHitsTheModelAndItsSnapshotsButNotItsSiblings(VertxTestContext testContext) {
    Future<HttpResponse<Buffer>> set = post("/chaos").sendJsonObject(AT_GPT_4O);
    Future<HttpResponse<Buffer>> shown = set.compose(r -> get("/chaos").send());
    Future<HttpResponse<Buffer>> gpt4o = shown.compose(r -> chat(question("gpt-4o")));
    Future<HttpResponse<Buffer>> dated = gpt4o.compose(r -> chat(question("gpt-4o-2024-08-06")));
    Future<HttpResponse<Buffer>> mini = dated.compose(r -> chat(question("gpt-4o-mini")));
    expect(testContext, Future.all(List.of(set, shown, gpt4o, dated, mini)), all -> {
      assertThat(shown.result().bodyAsJsonObject().getJsonArray("models")).isEqualTo(new JsonArray().add("gpt-4o"));
      assertThat(gpt4o.result().statusCode()).isEqualTo(503);
      assertThat(dated.result().statusCode()).isEqualTo(503);
      assertThat(mini.result().statusCode()).isEqualTo(200);
    });
  }

  @Test
  void headerChaosStillAppliesToModelsOutsideTheScope(VertxTestContext testContext) {
    server.chaos().set(ChaosSpec.of(ChaosMode.ERROR_503).onlyFor("gpt-4o"));
    expect(testContext, chat(question("gpt-4o-mini"), "error_500"),
        response -> assertThat(response.statusCode()).isEqualTo(500));
  }

  @Test
  void withoutModelsTheScopeIsEveryModelAndNotShown(VertxTestContext testContext) {
    JsonObject everywhere = new JsonObject("{\"modes\": {\"error_503\": {\"rate\": 1.0}}}");
    Future<HttpResponse<Buffer>> set = post("/chaos").sendJsonObject(everywhere);
    Future<HttpResponse<Buffer>> mini = set.compose(r -> chat(question("gpt-4o-mini")));
    expect(testContext, Future.all(set, mini), all -> {
      assertThat(set.result().bodyAsJsonObject().containsKey("models")).isFalse();
      assertThat(mini.result().statusCode()).isEqualTo(503);
    });
  }

  @Test
  void badModelsAre400sNamingTheField(VertxTestContext testContext) {
    List<Future<HttpResponse<Buffer>>> responses = List.of(
        post("/chaos").sendJsonObject(new JsonObject("{\"modes\": {}, \"models\": \"gpt-4o\"}")),
        post("/chaos").sendJsonObject(new JsonObject("{\"modes\": {}, \"models\": []}")),
        post("/chaos").sendJsonObject(new JsonObject("{\"modes\": {}, \"models\": [\"gpt-4o\", 7]}")));
    expect(testContext, Future.all(responses), all -> {
      for (int i = 0; i < responses.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).as("request %d", i).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("param")).isEqualTo("models");
      }
      assertThat(server.chaos().current().isEmpty()).isTrue();
    });
  }

  private static JsonObject question(String model) {
    return chatBody(model, message("system", KB_SYSTEM), message("user", "How many days do I have for a refund?"));
  }
}
