package gw.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.policy.prompt.Prompt;
import gw.gateway.policy.prompt.PromptRegistry;
import gw.traces.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prompt registry over the admin API. Reading: any role. Changing (maintainer):
 * {@code POST /admin/prompts/{id}/versions} {@code {"version", "messages", "reason"}} adds a version
 * (versions never change); {@code POST /admin/prompts/{id}} {@code {"active", "known_good",
 * "canary": {"version", "share"} | null, "reason"}} moves the pointers (fields left out stay as they
 * are). A change is audited and saved in one transaction before it takes effect.
 */
final class PromptsApi {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final PromptRegistry registry;
  private final AuditLog audit;

  PromptsApi(PromptRegistry registry, AuditLog audit) {
    this.registry = registry;
    this.audit = audit;
  }

  void list(RoutingContext ctx) {
    ArrayNode data = JSON.createArrayNode();
    registry.all().stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(p -> data.add(PromptRegistry.toJson(p)));
    AdminResponses.json(ctx, 200, Buffer.buffer(JSON.createObjectNode().put("object", "list").set("data", data).toString()));
  }

  void get(RoutingContext ctx) {
    Prompt p = prompt(ctx);
    if (p != null) {
      AdminResponses.json(ctx, 200, Buffer.buffer(PromptRegistry.toJson(p).toString()));
    }
  }

  void addVersion(RoutingContext ctx) {
    Prompt p = prompt(ctx);
    JsonNode body = p == null ? null : body(ctx); // each answers its own refusal: only one may
    if (body == null) {
      return;
    }
    String version = body.path("version").asText("");
    if (version.isBlank()) {
      AdminResponses.error(ctx, 400, "invalid_body", "Name the new version in \"version\", e.g. \"v2.1\".");
      return;
    }
    Prompt changed;
    try {
      changed = p.withVersion(version, PromptRegistry.versionFromJson(p.id(), version, body));
    } catch (IllegalStateException e) {
      AdminResponses.error(ctx, 409, "version_exists", e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 400, "invalid_prompt_version", e.getMessage());
      return;
    }
    apply(ctx, changed, "prompt.add_version", Map.of("version", version), 201);
  }

  void update(RoutingContext ctx) {
    Prompt p = prompt(ctx);
    JsonNode body = p == null ? null : body(ctx); // each answers its own refusal: only one may
    if (body == null) {
      return;
    }
    Prompt changed;
    try {
      Prompt.Canary canary = p.canary();
      if (body.has("canary")) {
        JsonNode c = body.get("canary");
        canary = c.isNull() ? null : new Prompt.Canary(c.path("version").asText(null), c.path("share").asDouble(-1));
      }
      changed = p.withPointers(body.path("active").asText(p.active()), body.path("known_good").asText(p.knownGood()),
          canary);
    } catch (IllegalArgumentException e) {
      AdminResponses.error(ctx, 400, "invalid_prompt_change", e.getMessage());
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("active", p.active() + " -> " + changed.active());
    details.put("known_good", p.knownGood() + " -> " + changed.knownGood());
    details.put("canary", describe(p.canary()) + " -> " + describe(changed.canary()));
    apply(ctx, changed, "prompt.update", details, 200);
  }

  private void apply(RoutingContext ctx, Prompt changed, String action, Map<String, Object> details, int status) {
    AdminToken caller = AdminAuth.caller(ctx);
    String reason = ctx.body().asJsonObject().getString("reason", "").trim();
    if (reason.isEmpty()) {
      AdminResponses.error(ctx, 400, "reason_required", "Say why in \"reason\": every prompt change is audited.");
      return;
    }
    String state = PromptRegistry.toJson(changed).toString();
    audit.promptChanged(caller, action, changed.id(), reason, details, state).onComplete(ar -> {
      if (ar.failed()) {
        AdminResponses.error(ctx, 500, "audit_failed", "The change was not applied: it could not be recorded ("
            + ar.cause().getMessage() + ").");
        return;
      }
      registry.put(changed);
      AdminResponses.json(ctx, status, Buffer.buffer(PromptRegistry.toJson(changed).put("audit_id", ar.result()).toString()));
    });
  }

  private static String describe(Prompt.Canary c) {
    return c == null ? "none" : c.version() + "@" + c.share();
  }

  private Prompt prompt(RoutingContext ctx) {
    Prompt p = registry.get(ctx.pathParam("id"));
    if (p == null) {
      AdminResponses.error(ctx, 404, "unknown_prompt", "No prompt '" + ctx.pathParam("id") + "' in the registry.");
    }
    return p;
  }

  private static JsonNode body(RoutingContext ctx) {
    try {
      JsonNode body = JSON.readTree(ctx.body().asString());
      if (body != null && body.isObject()) {
        return body;
      }
    } catch (Exception e) {
      // answered below
    }
    AdminResponses.error(ctx, 400, "invalid_body", "Send a JSON object.");
    return null;
  }
}
