package gw.mock;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/messages}: validate, roll chaos, answer whole or
 * streamed at the model's pace, or in the realistic profile at a pace drawn for the request; the
 * {@link CompletionWire} says how the API's requests, answers and errors look.
 */
final class CompletionHandler<R> implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final ChaosState chaos;
  private final ChaosFailures failures;
  private final CompletionComposer composer;
  private final CompletionWire<R> wire;
  private final SseWriter sseWriter;
  private final MockOptions options;
  private final AtomicLong sequence = new AtomicLong();

  CompletionHandler(Vertx vertx, ChaosState chaos, CompletionComposer composer, CompletionWire<R> wire,
      MockOptions options) {
    this.vertx = vertx;
    this.chaos = chaos;
    this.failures = new ChaosFailures(vertx, wire::sendError);
    this.composer = composer;
    this.wire = wire;
    this.sseWriter = new SseWriter(vertx);
    this.options = options;
  }

  /** What one request is answered with: the model's encoding, the pace, the realistic draws if any. */
  private record Manner(ModelProfile model, Pace pace, RealisticPlan realistic, double timeScale) {
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonObject body = RequestBodies.jsonObject(ctx);
    ChaosSpec perRequest = ChaosSpec.fromHeader(ctx.request().getHeader(ChaosSpecParser.HEADER));
    R read = wire.read(body);
    ChatRequest request = wire.chat(read);
    ModelProfile profile = ModelProfiles.forChat(request.model());
    if (profile.kind() != ModelProfile.Kind.CHAT) {
      throw ApiError.invalidRequest("'" + request.model() + "' is an embedding model and cannot be used with "
          + ctx.request().path() + "; use a chat model such as gpt-4o-mini.", "model", "model_not_supported");
    }
    Manner manner = manner(ctx, request, profile);
    ChaosDecision decision = chaos.rollForModel(request.model(), perRequest);
    long latency = decision.has(ChaosMode.LATENCY) ? decision.param(ChaosMode.LATENCY) : 0;
    Delays.after(vertx, ctx, latency, () -> answer(ctx, read, request, manner, decision));
  }

  private Manner manner(RoutingContext ctx, ChatRequest request, ModelProfile profile) {
    double timeScale = RequestKnobs.timeScale(ctx, options.timeScale());
    if (RequestKnobs.profile(ctx, options.profile()) == MockProfile.REALISTIC) {
      RealisticPlan plan = RealisticPlan.of(request);
      return new Manner(profile, plan.pace(), plan, timeScale);
    }
    return new Manner(profile, profile.pace(), null, timeScale);
  }

  private void answer(RoutingContext ctx, R read, ChatRequest request, Manner manner, ChaosDecision decision) {
    if (failures.intercept(ctx, decision, request.stream())) {
      return;
    }
    ChatResult result = composer.compose(request, manner.model(), decision, manner.realistic());
    ResponseMeta meta = new ResponseMeta(wire.idPrefix() + sequence.incrementAndGet(),
        System.currentTimeMillis() / 1000, request.model());
    if (request.stream()) {
      stream(ctx, meta, read, result, manner, decision);
    } else {
      respondWhole(ctx, meta, read, result, manner, decision);
    }
  }

  private void stream(RoutingContext ctx, ResponseMeta meta, R read, ChatResult result, Manner manner,
                      ChaosDecision decision) {
    List<SseFrame> frames = wire.frames(meta, read, result, manner.model(), manner.pace(), manner.timeScale());
    if (decision.has(ChaosMode.TRUNCATE_STREAM)) {
      // About half the events: never the finish, never the stream's end.
      sseWriter.write(ctx.request(), frames.subList(0, frames.size() / 2), true);
    } else if (decision.has(ChaosMode.DROP_CONNECTION)) {
      sseWriter.write(ctx.request(), frames.subList(0, Math.min(2, frames.size())), true);
    } else {
      sseWriter.write(ctx.request(), frames, false);
    }
  }

  private void respondWhole(RoutingContext ctx, ResponseMeta meta, R read, ChatResult result, Manner manner,
                            ChaosDecision decision) {
    Buffer json = wire.whole(meta, read, result).toBuffer();
    Buffer body = decision.has(ChaosMode.TRUNCATE_STREAM) ? json.getBuffer(0, json.length() / 2) : json;
    Pace pace = manner.pace();
    long delay = pace.firstTokenDelayMs(manner.timeScale())
        + pace.tokensDelayMs(result.completionTokens(), manner.timeScale());
    Delays.after(vertx, ctx, delay, () -> JsonResponses.send(ctx, body));
  }
}
