package gw.gateway.replay;

import gw.gateway.config.GatewayConfig.GatewayKey;
import gw.gateway.policy.identify.IdentifyPolicy;
import gw.gateway.policy.observe.TraceRecorder;
import gw.gateway.policy.prompt.PromptRegistry;
import gw.traces.TraceRecord;
import gw.traces.compare.TraceComparison;
import gw.traces.diagnosis.Diagnoser;
import gw.traces.store.TraceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Re-sends a captured request through the gateway's own data plane — the full pipeline: limits,
 * budgets, breakers, prompt rendering, forward, trace — as a configured key of the original's tenant
 * ({@link ReplayIdentities}), then compares the new trace (stored with {@code replay_of}) with the
 * original. The original is a stored trace or a record given inline, which is never stored.
 */
public final class Replayer {
  private final Vertx vertx;
  private final HttpClient client;
  private final IntSupplier dataPlanePort;
  private final String replayKey;
  private final ReplayIdentities identities;
  private final TraceStore store;
  private final TraceRecorder recorder;
  private final PromptRegistry prompts;
  private final Diagnoser diagnoser;
  private final Listener listener;

  /** Told of every finished replay (incidents put them on their timelines). */
  public interface Listener {
    void replayed(String traceId, Overrides overrides, Result result);
  }

  public Replayer(Vertx vertx, IntSupplier dataPlanePort, String replayKey, ReplayIdentities identities,
      TraceStore store, TraceRecorder recorder, PromptRegistry prompts, Diagnoser diagnoser, Listener listener) {
    this.identities = identities;
    this.listener = listener;
    this.diagnoser = diagnoser;
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.dataPlanePort = dataPlanePort;
    this.replayKey = replayKey;
    this.store = store;
    this.recorder = recorder;
    this.prompts = prompts;
  }

  /**
   * The outcome: the comparison, whether redacted text was sent, notes on what could not be replayed
   * as is, the replay's HTTP status, the original's tenant and the name of the key it ran as.
   */
  public record Result(TraceComparison comparison, boolean redactedContent, List<String> notes, int status,
      String tenant, String ranAs) {}

  /** The stored trace; fails with {@link NotFound} when there is none (or it is outside a non-null {@code tenantScope}). */
  public Future<TraceRecord> find(String traceId, String tenantScope) {
    return vertx.executeBlocking(() -> store.findById(traceId)
        .filter(t -> tenantScope == null || tenantScope.equals(t.tenant()))
        .orElseThrow(() -> new NotFound("No stored trace " + traceId
            + " (it may be sampled out, dropped, not yet written, or another tenant's)")), false);
  }

  /**
   * Replays {@code original}, stored or not (the caller has checked it may); fails with
   * IllegalArgumentException for a request that cannot be rebuilt or a tenant without a key.
   */
  public Future<Result> replay(TraceRecord original, Overrides overrides) {
    GatewayKey key;
    ReplayBuilder.Built built;
    try {
      key = identities.keyFor(original);
      built = ReplayBuilder.build(original, overrides, prompts);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    List<String> notes = new ArrayList<>(built.notes());
    if (!key.team().equals(original.team())) {
      notes.add("tenant " + key.tenant() + " has no key of team '" + original.team() + "': replayed as key '"
          + key.name() + "' (team " + key.team() + ", tier " + key.tier() + ")");
    }
    return send(original, key, built).compose(sent -> vertx.executeBlocking(() -> {
      recorder.flush(); // the replay's trace is written before it is read back
      TraceRecord replayed = store.findById(sent.traceId).orElseThrow(() -> new IllegalStateException(
          "the replay " + sent.traceId + " was answered " + sent.status + " but its trace was not stored"));
      return new Result(TraceComparison.of(original, replayed, diagnoser), built.redactedContent(), List.copyOf(notes),
          sent.status, original.tenant(), key.name());
    }, false)).onSuccess(result -> listener.replayed(original.traceId(), overrides, result));
  }

  private record Sent(String traceId, int status) {}

  /** As {@code key}: its tenant, team and tier, whatever the record says. */
  private Future<Sent> send(TraceRecord original, GatewayKey key, ReplayBuilder.Built built) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(dataPlanePort.getAsInt()).setURI("/v1/chat/completions")
        .putHeader("authorization", "Bearer " + replayKey)
        .putHeader("content-type", "application/json")
        .putHeader(IdentifyPolicy.REPLAY_OF, original.traceId())
        .putHeader(IdentifyPolicy.REPLAY_TENANT, key.tenant())
        .putHeader(IdentifyPolicy.REPLAY_TEAM, key.team())
        .putHeader(IdentifyPolicy.REPLAY_TIER, key.tier());
    if (original.feature() != null) {
      options.putHeader("x-feature", original.feature());
    }
    return client.request(options)
        .compose(req -> req.send(Buffer.buffer(built.body().toString())))
        .compose(resp -> resp.body().map(ignored -> new Sent(resp.getHeader("x-gateway-trace-id"), resp.statusCode())));
  }

  public Future<Void> close() {
    return client.close();
  }

  /** No such trace. */
  public static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
