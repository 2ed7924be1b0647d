package gw.gateway.drill;

import gw.gateway.chain.Causes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The running system a drill acts on: the gateway's admin API and the mock's chaos API. Calls block
 * the calling thread (the drill's own, never an event loop) and fail with a message naming the call.
 */
public final class DrillTarget implements AutoCloseable {
  private static final int MAX_SHOWN = 200;
  private final WebClient http;
  private final URI admin;
  private final URI mock;
  private final String adminToken;

  public DrillTarget(Vertx vertx, String adminUrl, String mockUrl, String adminToken) {
    this.http = WebClient.create(vertx);
    this.admin = URI.create(adminUrl);
    this.mock = URI.create(mockUrl);
    this.adminToken = adminToken;
  }

  public JsonObject health(long windowSeconds) {
    return adminGet("/admin/health/metrics" + (windowSeconds > 0 ? "?window_seconds=" + windowSeconds : "")).bodyAsJsonObject();
  }

  public JsonArray incidents(String query) {
    return adminGet("/admin/incidents" + query).bodyAsJsonObject().getJsonArray("data");
  }

  /** Incidents still open or acknowledged, whatever their age. */
  public JsonArray unresolvedIncidents() {
    JsonArray unresolved = incidents("?status=open").copy();
    incidents("?status=acknowledged").forEach(unresolved::add);
    return unresolved;
  }

  public JsonObject incident(String id) {
    return adminGet("/admin/incidents/" + id).bodyAsJsonObject();
  }

  /** Stored traces, newest first; {@code query} as {@code GET /admin/traces} takes it (e.g. {@code ?to=...}). */
  public JsonArray traces(String query) {
    return adminGet("/admin/traces" + query).bodyAsJsonObject().getJsonArray("data");
  }

  public JsonObject trace(String id) {
    return adminGet("/admin/traces/" + id).bodyAsJsonObject();
  }

  public String postmortem(String id) {
    return adminGet("/admin/incidents/" + id + "/postmortem").bodyAsString();
  }

  public JsonObject breaker(String incidentClass) {
    return adminGet("/admin/breakers/" + incidentClass).bodyAsJsonObject();
  }

  public JsonArray breakers() {
    return adminGet("/admin/breakers").bodyAsJsonObject().getJsonArray("data");
  }

  public JsonObject replay(String traceId, JsonObject overrides) {
    return adminPost("/admin/replay", new JsonObject().put("trace_id", traceId).put("overrides", overrides));
  }

  public void acknowledge(String id, String note) {
    adminPost("/admin/incidents/" + id + "/acknowledge", new JsonObject().put("note", note));
  }

  public void resolve(String id, String reason) {
    adminPost("/admin/incidents/" + id + "/resolve", new JsonObject().put("reason", reason));
  }

  public void breakerMode(String incidentClass, String mode, String reason) {
    adminPost("/admin/breakers/" + incidentClass, new JsonObject().put("mode", mode).put("reason", reason));
  }

  public void setChaos(JsonObject chaos) {
    expect200("POST /chaos", call(request(mock, HttpMethod.POST, "/chaos").sendJsonObject(chaos)));
  }

  /** The mock's runtime chaos: {@code {"modes": {...}, "models": [...]}}, no modes when there is none. */
  public JsonObject chaos() {
    return expect200("GET /chaos", call(request(mock, HttpMethod.GET, "/chaos").send())).bodyAsJsonObject();
  }

  public String adminUrl() {
    return base(admin);
  }

  public String mockUrl() {
    return base(mock);
  }

  public void clearChaos() {
    expect200("DELETE /chaos", call(request(mock, HttpMethod.DELETE, "/chaos").send()));
  }

  private HttpResponse<Buffer> adminGet(String path) {
    return expect200("GET " + path, call(authorized(HttpMethod.GET, path).send()));
  }

  private JsonObject adminPost(String path, JsonObject body) {
    return expect200("POST " + path, call(authorized(HttpMethod.POST, path).sendJsonObject(body))).bodyAsJsonObject();
  }

  private HttpRequest<Buffer> authorized(HttpMethod method, String path) {
    return request(admin, method, path).putHeader("Authorization", "Bearer " + adminToken);
  }

  private HttpRequest<Buffer> request(URI base, HttpMethod method, String path) {
    int port = base.getPort() > 0 ? base.getPort() : 80;
    return http.request(method, port, base.getHost(), base.getPath().replaceAll("/$", "") + path);
  }

  private static HttpResponse<Buffer> call(Future<HttpResponse<Buffer>> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new DrillException("cannot reach the system: " + Causes.describe(e)
          + " (is it running? ./gw up starts it)", e);
    }
  }

  private static HttpResponse<Buffer> expect200(String what, HttpResponse<Buffer> r) {
    if (r.statusCode() != 200) {
      throw new DrillException(what + " answered " + r.statusCode() + ": " + errorMessage(r.bodyAsString()));
    }
    return r;
  }

  /** The {@code error.message} of an OpenAI- or admin-shaped error, else the body on one short line. */
  static String errorMessage(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    try {
      Object error = new JsonObject(body).getValue("error");
      if (error instanceof JsonObject e && e.getString("message") != null) {
        return e.getString("message");
      }
      if (error instanceof String message) {
        return message;
      }
    } catch (RuntimeException notJson) {
      // a proxy's HTML page or plain text: shown as it is, shortened
    }
    String line = body.replaceAll("\\s+", " ").trim();
    return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "…" : line;
  }

  private static String base(URI uri) {
    return uri.toString().replaceAll("/$", "");
  }

  @Override
  public void close() {
    http.close();
  }

  /** A drill step that could not be carried out. */
  public static final class DrillException extends RuntimeException {
    public DrillException(String message) {
      super(message);
    }

    DrillException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
