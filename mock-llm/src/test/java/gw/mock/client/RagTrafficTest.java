package gw.mock.client;

import static org.assertj.core.api.Assertions.assertThat;

import gw.mock.BlockedEventLoops;
import gw.mock.ChaosMode;
import gw.mock.ChaosSpec;
import gw.mock.MockLlmServer;
import gw.mock.MockOptions;
import gw.mock.MockProfile;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample traffic against a real mock, which here stands in for the gateway too (it ignores the extension). */
@ExtendWith(VertxExtension.class)
class RagTrafficTest {

  private Vertx vertx;
  private MockLlmServer mock;

  @BeforeEach
  void startMock(VertxTestContext testContext) {
    BlockedEventLoops.reset();
    vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(500).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    mock = new MockLlmServer(MockOptions.defaults().withPort(0).withTimeScale(0));
    vertx.deployVerticle(mock).onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext testContext) {
    vertx.close().onComplete(testContext.succeeding(closed -> testContext.verify(() -> {
      assertThat(BlockedEventLoops.warnings()).as("event loop blocked").isEmpty();
      testContext.completeNow();
    })));
  }

  @Test
  void eachRequestRetrievesThenAsksWithTheContextAndTheGatewayExtension(VertxTestContext testContext) {
    RagTraffic.start(vertx, options().withMaxRequests(30)).finished()
        .onComplete(testContext.succeeding(stats -> testContext.verify(() -> {
          assertThat(stats.sent()).isEqualTo(30);
          assertThat(stats.completed()).isEqualTo(30);
          assertThat(stats.ok()).isEqualTo(30);
          assertThat(stats.failed()).isZero();
          assertThat(stats.skipped()).isZero();
          assertThat(stats.p95Ms()).isGreaterThanOrEqualTo(stats.p50Ms());
          List<JsonObject> retrievals = received("/v1/retrieve");
          List<JsonObject> chats = received("/v1/chat/completions");
          assertThat(retrievals).hasSize(30);
          assertThat(chats).hasSize(30);
          assertThat(retrievals.get(0).getJsonObject("body").getInteger("top_k")).isEqualTo(3);
          chats.forEach(RagTrafficTest::assertRagChatShape);
          assertThat(chats).anyMatch(chat -> chat.getJsonObject("body").getBoolean("stream", false));
          assertThat(chats).anyMatch(chat -> gateway(chat).getJsonArray("tools").size() == 2);
          assertThat(chats.stream().map(chat -> header(chat, "x-request-id")).distinct()).hasSize(30);
          testContext.completeNow();
        })));
  }

  @Test
  void anEmptiedIndexIsReportedAsAFailedSearchTool(VertxTestContext testContext) {
    mock.chaos().set(ChaosSpec.of(ChaosMode.RETRIEVAL_OUTAGE));
    RagTraffic.start(vertx, options().withMaxRequests(10)).finished()
        .onComplete(testContext.succeeding(stats -> testContext.verify(() -> {
          assertThat(stats.emptyRetrievals()).isEqualTo(10);
          for (JsonObject chat : received("/v1/chat/completions")) {
            JsonObject searchKb = gateway(chat).getJsonArray("tools").getJsonObject(0);
            assertThat(searchKb.getBoolean("success")).isFalse();
            assertThat(searchKb.getString("error")).isEqualTo("no documents");
            assertThat(gateway(chat).getJsonObject("retrieval").getJsonArray("documents")).isEmpty();
          }
          testContext.completeNow();
        })));
  }

  @Test
  void failuresAreCountedByStatus(VertxTestContext testContext) {
    mock.chaos().set(ChaosSpec.of(ChaosMode.ERROR_503));
    RagTraffic.start(vertx, options().withMaxRequests(5)).finished()
        .onComplete(testContext.succeeding(stats -> testContext.verify(() -> {
          assertThat(stats.ok()).isZero();
          assertThat(stats.failedBy()).containsExactly(Map.entry("503", 5L));
          testContext.completeNow();
        })));
  }

  @Test
  void requestsBeyondTheInFlightCapAreSkipped(VertxTestContext testContext) {
    mock.chaos().set(ChaosSpec.none().with(ChaosMode.LATENCY, 1.0, 1_000));
    RagTraffic.start(vertx, options().withMaxRequests(10).withMaxInFlight(2)).finished()
        .onComplete(testContext.succeeding(stats -> testContext.verify(() -> {
          assertThat(stats.sent()).isEqualTo(2);
          assertThat(stats.skipped()).isEqualTo(8);
          assertThat(stats.ok()).isEqualTo(2);
          testContext.completeNow();
        })));
  }

  @Test
  void stopEndsTheTrafficAfterTheRequestsInFlight(VertxTestContext testContext) {
    RagTraffic traffic = RagTraffic.start(vertx, options().withRate(50).withMaxRequests(0));
    vertx.setTimer(100, id -> traffic.stop().onComplete(testContext.succeeding(stats -> testContext.verify(() -> {
      assertThat(stats.sent()).isPositive();
      assertThat(stats.completed()).isEqualTo(stats.sent());
      assertThat(traffic.stats()).isEqualTo(stats);
      testContext.completeNow();
    }))));
  }

  @Test
  void realisticTrafficAsksTheMockForItsProfileAndRetrievesWithTheQuestionAlone(VertxTestContext testContext) {
    RagTraffic.start(vertx, options().withProfile(MockProfile.REALISTIC).withTimeScale(0).withMaxRequests(120))
        .finished().onComplete(testContext.succeeding(stats -> testContext.verify(() -> {
          assertThat(stats.ok()).isEqualTo(120);
          List<JsonObject> chats = received("/v1/chat/completions");
          assertThat(received("/v1/retrieve")).allSatisfy(retrieve -> {
            assertThat(header(retrieve, MockProfile.HEADER)).isEqualTo("realistic");
            assertThat(header(retrieve, "x-mock-time-scale")).isEqualTo("0.0");
          });
          assertThat(chats).allSatisfy(chat -> {
            assertThat(header(chat, MockProfile.HEADER)).isEqualTo("realistic");
            String userMessage = chat.getJsonObject("body").getJsonArray("messages").getJsonObject(1)
                .getString("content");
            assertThat(userMessage).contains(gateway(chat).getJsonObject("retrieval").getString("query"));
          });
          assertThat(chats).anyMatch(chat -> chat.getJsonObject("body").getBoolean("stream", false))
              .anyMatch(chat -> !chat.getJsonObject("body").getBoolean("stream", false))
              .anyMatch(chat -> chat.getJsonObject("body").containsKey("response_format"))
              .anyMatch(chat -> chat.getJsonObject("body").encode().contains("@example.com"));
          testContext.completeNow();
        })));
  }

  private RagTraffic.Options options() {
    String url = "http://127.0.0.1:" + mock.actualPort();
    return RagTraffic.Options.defaults().withGateway(url).withRetrieval(url).withRate(200).withDuration(null)
        .withSeed(7);
  }

  private List<JsonObject> received(String path) {
    return mock.received().stream().filter(entry -> entry.getString("path").equals(path)).toList();
  }

  private static void assertRagChatShape(JsonObject chat) {
    assertThat(header(chat, "authorization")).isEqualTo("Bearer gw-demo-key");
    assertThat(header(chat, "x-session-id")).startsWith("rag-session-");
    assertThat(header(chat, "x-user-id")).startsWith("rag-user-");
    assertThat(header(chat, "x-feature")).isNotBlank();
    JsonObject body = chat.getJsonObject("body");
    assertThat(body.getString("model")).isEqualTo("gpt-4o");
    JsonArray messages = body.getJsonArray("messages");
    assertThat(messages.getJsonObject(0).getString("content")).contains("cite").contains("[source: kb/");
    assertThat(messages.getJsonObject(1).getString("role")).isEqualTo("user");
    JsonObject gateway = gateway(chat);
    assertThat(gateway.getJsonObject("retrieval").getJsonArray("documents")).hasSize(3);
    assertThat(gateway.getJsonObject("retrieval").getString("query")).isEqualTo(messages.getJsonObject(1)
        .getString("content"));
    JsonObject searchKb = gateway.getJsonArray("tools").getJsonObject(0);
    assertThat(searchKb.getString("name")).isEqualTo("search_kb");
    assertThat(searchKb.getBoolean("success")).isTrue();
    assertThat(gateway.getJsonArray("expected_facts")).isNotEmpty();
    assertThat(gateway.getJsonArray("tags").getString(0)).isEqualTo("feature:" + header(chat, "x-feature"));
  }

  private static JsonObject gateway(JsonObject chat) {
    return chat.getJsonObject("body").getJsonObject("gateway");
  }

  private static String header(JsonObject entry, String name) {
    return entry.getJsonObject("headers").getString(name);
  }
}
