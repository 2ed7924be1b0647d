package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

class ModelsRouteTest extends MockServerTestBase {

  @Test
  void listsProfiledModelsInOpenAiShape(VertxTestContext testContext) {
    expect(testContext, get("/v1/models").send(), response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("object")).isEqualTo("list");
      assertThat(body.getJsonArray("data").stream().map(m -> ((JsonObject) m).getString("id")))
          .contains("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-3.5-turbo", "text-embedding-3-small", "mock-fast");
      JsonObject first = body.getJsonArray("data").getJsonObject(0);
      assertThat(first.fieldNames()).containsExactlyInAnyOrder("id", "object", "created", "owned_by");
      assertThat(first.getString("object")).isEqualTo("model");
      assertThat(first.getString("owned_by")).isEqualTo("mock");
    });
  }

  @Test
  void unknownModelAndUnknownRouteAnswerOpenAiErrors(VertxTestContext testContext) {
    expect(testContext, get("/v1/models/gpt-9").send().compose(model -> get("/v1/nothing").send()
        .map(route -> new JsonObject().put("model", model.bodyAsJsonObject()).put("modelStatus", model.statusCode())
            .put("route", route.bodyAsJsonObject()).put("routeStatus", route.statusCode()))), result -> {
      assertThat(result.getInteger("modelStatus")).isEqualTo(404);
      assertThat(result.getJsonObject("model").getJsonObject("error").getString("code")).isEqualTo("model_not_found");
      assertThat(result.getInteger("routeStatus")).isEqualTo(404);
      assertThat(result.getJsonObject("route").getJsonObject("error").getString("message"))
          .startsWith("Unknown request URL: GET /v1/nothing");
    });
  }
}
