package gw.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxTestContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingsRouteTest extends MockServerTestBase {

  private static final String TEXT = "Refunds are accepted within 30 days of purchase.";

  @Test
  void floatEmbeddingsHaveOpenAiShapeUnitLengthAndRealUsage(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("model", "text-embedding-3-small").put("input", TEXT);
    expect(testContext, Future.all(embed(body), embed(body)), all -> {
      JsonObject first = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject();
      assertThat(first.getString("object")).isEqualTo("list");
      assertThat(first.getString("model")).isEqualTo("text-embedding-3-small");
      JsonObject item = first.getJsonArray("data").getJsonObject(0);
      assertThat(item.getString("object")).isEqualTo("embedding");
      assertThat(item.getInteger("index")).isZero();
      float[] vector = floats(item.getJsonArray("embedding"));
      assertThat(vector).hasSize(1536);
      assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
      assertThat(first.getJsonObject("usage")).isEqualTo(new JsonObject()
          .put("prompt_tokens", TokenCounts.cl100k(TEXT)).put("total_tokens", TokenCounts.cl100k(TEXT)));
      assertThat(((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject()).isEqualTo(first);
    });
  }

  @Test
  void base64IsLittleEndianFloat32OfTheSameVector(VertxTestContext testContext) {
    JsonObject asFloats = new JsonObject().put("model", "text-embedding-3-small").put("input", TEXT);
    JsonObject asBase64 = asFloats.copy().put("encoding_format", "base64");
    expect(testContext, Future.all(embed(asFloats), embed(asBase64)), all -> {
      float[] expected = floats(embedding(all.resultAt(0), 0));
      String encoded = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject().getJsonArray("data")
          .getJsonObject(0).getString("embedding");
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
      float[] decoded = new float[bytes.remaining() / Float.BYTES];
      for (int i = 0; i < decoded.length; i++) {
        decoded[i] = bytes.getFloat();
      }
      assertThat(decoded).containsExactly(expected);
    });
  }

  @Test
  void arrayInputWithDimensionsGivesOneVectorPerTextAndSimilarTextsAreCloser(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("model", "text-embedding-3-small").put("dimensions", 256)
        .put("input", new JsonArray(List.of("refund policy for returned orders", "refund policy for returns",
            "express shipping takes two business days")));
    expect(testContext, embed(body), response -> {
      JsonArray data = response.bodyAsJsonObject().getJsonArray("data");
      assertThat(data).hasSize(3);
      assertThat(data.getJsonObject(2).getInteger("index")).isEqualTo(2);
      float[] refundA = floats(embedding(response, 0));
      float[] refundB = floats(embedding(response, 1));
      float[] shipping = floats(embedding(response, 2));
      assertThat(refundA).hasSize(256);
      assertThat(dot(refundA, refundB)).isGreaterThan(dot(refundA, shipping) + 0.3);
    });
  }

  @Test
  void tokenIdInputIsAccepted(VertxTestContext testContext) {
    JsonObject body = new JsonObject().put("model", "text-embedding-3-small")
        .put("input", new JsonArray().add(new JsonArray(List.of(9642, 12742))));
    expect(testContext, embed(body), response -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getJsonObject("usage").getInteger("prompt_tokens")).isEqualTo(2);
    });
  }

  @Test
  void badInputsAreOpenAi400s(VertxTestContext testContext) {
    List<Future<HttpResponse<Buffer>>> responses = List.of(
        embed(new JsonObject().put("model", "text-embedding-3-small")),
        embed(new JsonObject().put("model", "text-embedding-3-small").put("input", new JsonArray())),
        embed(new JsonObject().put("model", "text-embedding-3-small").put("input", "x").put("dimensions", 5000)),
        embed(new JsonObject().put("model", "text-embedding-3-small").put("input", "x")
            .put("encoding_format", "int8")),
        embed(new JsonObject().put("model", "gpt-4o").put("input", "x")));
    expect(testContext, Future.all(responses), all -> {
      List<String> params = List.of("input", "input", "dimensions", "encoding_format", "model");
      for (int i = 0; i < params.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).as("request %d", i).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("param")).isEqualTo(params.get(i));
      }
    });
  }

  private Future<HttpResponse<Buffer>> embed(JsonObject body) {
    return post("/v1/embeddings").sendJsonObject(body);
  }

  private static JsonArray embedding(HttpResponse<Buffer> response, int index) {
    return response.bodyAsJsonObject().getJsonArray("data").getJsonObject(index).getJsonArray("embedding");
  }

  private static float[] floats(JsonArray values) {
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = ((Number) values.getValue(i)).floatValue();
    }
    return vector;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double norm(float[] vector) {
    return Math.sqrt(dot(vector, vector));
  }
}
