package gw.mock;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI- and Anthropic-compatible mock provider with chaos injection: {@code /v1/models},
 * {@code /v1/chat/completions}, {@code /v1/responses}, Anthropic's {@code /v1/messages},
 * {@code /v1/embeddings}, a knowledge-base search at {@code /v1/retrieve}, plus {@code /chaos} to script
 * failures and {@code /mock/requests} to see what clients sent.
 */
public final class MockLlmServer extends VerticleBase {

  private static final int REQUEST_LOG_SIZE = 100;
  private static final long BODY_LIMIT_BYTES = 32L * 1024 * 1024;

  private final MockOptions options;
  private final ChaosState chaos;
  private final RequestLog requests = new RequestLog(REQUEST_LOG_SIZE);
  private volatile HttpServer server;

  public MockLlmServer(MockOptions options) {
    this.options = options;
    this.chaos = new ChaosState(options.seed());
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(Tokenizer::shared)
        .compose(tokenizer -> vertx.createHttpServer(new HttpServerOptions()
                .setHost(options.host()).setPort(options.port()))
            .requestHandler(router(tokenizer))
            .listen())
        .onSuccess(listening -> server = listening);
  }

  /** The port the server listens on; with port 0 in the options, the one the OS picked. */
  public int actualPort() {
    HttpServer listening = server;
    if (listening == null) {
      throw new IllegalStateException("MockLlmServer is not started yet; deploy it and wait for the deployment");
    }
    return listening.actualPort();
  }

  public ChaosState chaos() {
    return chaos;
  }

  /** The last 100 requests to non-admin paths, oldest first: {method, path, headers, body}. */
  public List<JsonObject> received() {
    return requests.snapshot();
  }

  private Router router(Tokenizer tokenizer) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().handler(this::recordUnlessAdmin);
    CompletionComposer composer = new CompletionComposer(tokenizer, new ChaosContent(options.seed()));
    router.get("/v1/models").handler(ModelsHandler::list);
    router.get("/v1/models/:model").handler(ModelsHandler::one);
    router.post("/v1/chat/completions").handler(new CompletionHandler<>(vertx, chaos, composer,
        new ChatWire(tokenizer), options));
    router.post("/v1/messages").handler(new CompletionHandler<>(vertx, chaos, composer,
        new MessagesWire(tokenizer), options));
    StoredResponses responses = new StoredResponses();
    router.post("/v1/responses").handler(new CompletionHandler<>(vertx, chaos, composer,
        new ResponsesWire(tokenizer, responses), options));
    router.get("/v1/responses/:id").handler(ctx -> {
      JsonObject found = responses.response(ctx.pathParam("id"));
      if (found == null) {
        throw new ApiError(404, "No response found with id '" + ctx.pathParam("id") + "'.", "invalid_request_error",
            null, "not_found");
      }
      JsonResponses.send(ctx, found);
    });
    router.post("/v1/embeddings").handler(new EmbeddingsHandler(vertx, chaos, tokenizer, options.timeScale()));
    Map<MockProfile, KnowledgeIndex> indexes = new EnumMap<>(MockProfile.class);
    for (MockProfile profile : MockProfile.values()) {
      indexes.put(profile, new KnowledgeIndex(KnowledgeBase.of(profile)));
    }
    router.post("/v1/retrieve").handler(new RetrieveHandler(vertx, chaos, indexes, options));
    new AdminRoutes(chaos, requests).mount(router);
    router.route().last().handler(MockLlmServer::unknownRoute);
    router.route("/v1/messages").failureHandler(AnthropicErrors::handleFailure);
    router.route().failureHandler(OpenAiErrors::handleFailure);
    return router;
  }

  private void recordUnlessAdmin(RoutingContext ctx) {
    if (!AdminRoutes.isAdminPath(ctx.request().path())) {
      requests.record(ctx);
    }
    ctx.next();
  }

  private static void unknownRoute(RoutingContext ctx) {
    throw new ApiError(404, "Unknown request URL: " + ctx.request().method() + " " + ctx.request().path()
        + ". Routes: GET /v1/models, POST /v1/chat/completions, POST /v1/messages, POST|GET /v1/responses, POST /v1/embeddings, POST /v1/retrieve, "
        + "GET|POST|DELETE /chaos, GET|DELETE /mock/requests.", "invalid_request_error", null, "unknown_url");
  }
}
