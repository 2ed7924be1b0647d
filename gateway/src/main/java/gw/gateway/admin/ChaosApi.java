package gw.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * {@code GET|POST|DELETE /admin/chaos}: the chaos of the mock LLM this process runs ({@code gw up}),
 * for the console's drill controls; the mock judges a spec ({@code {"modes": {...}, "models": [...]}})
 * and its answer is passed on. Every change is audited first. Without an embedded mock, 404.
 */
final class ChaosApi {
  private final URI mock;
  private final HttpClient client;
  private final AuditLog audit;

  ChaosApi(Vertx vertx, String embeddedMock, AuditLog audit) {
    this.mock = embeddedMock == null ? null : URI.create(embeddedMock);
    this.client = embeddedMock == null ? null : vertx.createHttpClient();
    this.audit = audit;
  }

  void show(RoutingContext ctx) {
    forward(ctx, HttpMethod.GET, null);
  }

  void set(RoutingContext ctx) {
    JsonObject spec;
    try {
      spec = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      spec = null;
    }
    if (spec == null || !(spec.getValue("modes") instanceof JsonObject)) {
      AdminResponses.error(ctx, 400, "invalid_chaos", "Send {\"modes\": {\"error_500\": {\"rate\": 0.5}}, "
          + "\"models\": [\"gpt-4o\"]} (models optional); {\"modes\": {}} sets none.");
      return;
    }
    JsonObject body = spec;
    if (absent(ctx)) {
      return;
    }
    audit.chaosChanged(AdminAuth.caller(ctx), "chaos.set", body.encode())
        .onComplete(ar -> forwardIfAudited(ctx, ar.succeeded(), HttpMethod.POST, body.toBuffer()));
  }

  void clear(RoutingContext ctx) {
    if (absent(ctx)) {
      return;
    }
    audit.chaosChanged(AdminAuth.caller(ctx), "chaos.clear", null)
        .onComplete(ar -> forwardIfAudited(ctx, ar.succeeded(), HttpMethod.DELETE, null));
  }

  private void forwardIfAudited(RoutingContext ctx, boolean audited, HttpMethod method, Buffer body) {
    if (!audited) {
      AdminResponses.error(ctx, 503, "audit_unavailable", "The change could not be audited, so it was not made.");
      return;
    }
    forward(ctx, method, body);
  }

  private boolean absent(RoutingContext ctx) {
    if (mock == null) {
      AdminResponses.error(ctx, 404, "no_embedded_mock", "This gateway runs no mock LLM of its own (gw up does); "
          + "chaos is set on the mock itself.");
      return true;
    }
    return false;
  }

  private void forward(RoutingContext ctx, HttpMethod method, Buffer body) {
    if (absent(ctx)) {
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(method).setHost(mock.getHost()).setPort(mock.getPort())
        .setURI("/chaos").setTimeout(5_000);
    client.request(options)
        .compose(req -> body == null ? req.send() : req.putHeader("Content-Type", "application/json").send(body))
        .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b}))
        .onComplete(ar -> {
          if (ar.failed()) {
            AdminResponses.error(ctx, 502, "mock_unreachable", "The embedded mock LLM did not answer: "
                + ar.cause().getMessage());
          } else {
            AdminResponses.json(ctx, (Integer) ar.result()[0], (Buffer) ar.result()[1]);
          }
        });
  }

  Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
