package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The incident console on the admin port: its three static files at {@code /} (no data in them, so
 * served to anyone), and sign-in, who-am-I and sign-out at {@code /console/session}. The page then
 * reads the admin API with the session cookie ({@link AdminAuth}).
 */
final class ConsoleRoutes {
  /** Only this origin's scripts, styles and connections; never framed. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  private static final Map<String, String> FILES = Map.of("/", "index.html", "/console.js", "console.js",
      "/console.css", "console.css");
  private static final Map<String, String> TYPES = Map.of("index.html", "text/html; charset=utf-8",
      "console.js", "text/javascript; charset=utf-8", "console.css", "text/css; charset=utf-8");

  private final AdminAuth auth;
  private final ConsoleSessions sessions;
  private final Map<String, Buffer> content = new HashMap<>();

  ConsoleRoutes(AdminAuth auth, ConsoleSessions sessions) {
    this.auth = auth;
    this.sessions = sessions;
  }

  /** Reads the page's files from the jar, off the event loop. */
  Future<Void> load(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      for (String file : FILES.values()) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + file)) {
          if (in == null) {
            throw new IOException("console file " + file + " is missing from the jar");
          }
          content.put(file, Buffer.buffer(in.readAllBytes()));
        }
      }
      return null;
    });
  }

  void mount(Router router) {
    FILES.forEach((path, file) -> router.get(path).handler(ctx -> ctx.response()
        .putHeader("Content-Type", TYPES.get(file))
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache")
        .end(content.get(file))));
    router.post("/console/session").handler(BodyHandler.create(false).setBodyLimit(4 * 1024)).handler(this::signIn);
    router.get("/console/session").handler(this::whoAmI);
    router.delete("/console/session").handler(this::signOut);
  }

  private void signIn(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      // A cross-site form cannot send JSON without asking first: no one is signed in by another site's page.
      AdminResponses.error(ctx, 415, "json_required", "Sign in with a JSON body: {\"token\": \"...\"}.");
      return;
    }
    String token;
    try {
      token = ctx.body().asJsonObject().getString("token");
    } catch (RuntimeException e) {
      token = null;
    }
    AdminToken caller = token == null ? null : auth.token(token.trim());
    if (caller == null) {
      AdminResponses.error(ctx, 401, "invalid_admin_token", "Unknown admin token; use one from admin_tokens in gateway.json.");
      return;
    }
    ConsoleSessions.Opened opened = sessions.open(caller);
    ctx.response().addCookie(Cookie.cookie(AdminAuth.SESSION_COOKIE, opened.id()).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(ctx.request().isSSL()));
    AdminResponses.json(ctx, 200, whoAmI(opened.session()).toBuffer());
  }

  private void whoAmI(RoutingContext ctx) {
    ConsoleSessions.Session session = session(ctx);
    if (session == null) {
      AdminResponses.error(ctx, 401, "not_signed_in", "Sign in to the console with an admin token.");
      return;
    }
    AdminResponses.json(ctx, 200, whoAmI(session).toBuffer());
  }

  private void signOut(RoutingContext ctx) {
    ConsoleSessions.Session session = session(ctx);
    if (session != null && !ConsoleSessions.csrfMatches(session, ctx.request().getHeader(AdminAuth.CSRF_HEADER))) {
      AdminResponses.error(ctx, 403, "csrf_token_missing", "Signing out needs the session's "
          + AdminAuth.CSRF_HEADER + " header.");
      return;
    }
    Cookie cookie = ctx.request().getCookie(AdminAuth.SESSION_COOKIE);
    sessions.close(cookie == null ? null : cookie.getValue());
    ctx.response().addCookie(Cookie.cookie(AdminAuth.SESSION_COOKIE, "").setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
    ctx.response().setStatusCode(204).end();
  }

  private ConsoleSessions.Session session(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(AdminAuth.SESSION_COOKIE);
    return cookie == null ? null : sessions.find(cookie.getValue());
  }

  private static JsonObject whoAmI(ConsoleSessions.Session s) {
    return new JsonObject().put("name", s.caller().name()).put("role", s.caller().role())
        .put("tenant", s.caller().tenant()).put("csrf", s.csrf());
  }
}
