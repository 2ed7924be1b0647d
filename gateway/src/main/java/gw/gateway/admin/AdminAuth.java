package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.security.Credentials;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The caller of every admin route, put on the routing context: a bearer admin token, or the console's
 * session cookie ({@link ConsoleSessions}), whose writes must also carry the session's CSRF token in
 * {@value #CSRF_HEADER}.
 */
final class AdminAuth implements Handler<RoutingContext> {
  static final String CALLER = "gw.admin.caller";
  static final String SESSION_COOKIE = "gw_console";
  static final String CSRF_HEADER = "x-csrf-token";
  /** The console session a request came with (its cookie's value), when it came with one. */
  static final String SESSION = "gw.admin.session";
  private final Credentials<AdminToken> byToken = new Credentials<>();
  private final ConsoleSessions sessions;

  AdminAuth(List<AdminToken> tokens, ConsoleSessions sessions) {
    tokens.forEach(t -> byToken.add(t.token(), t));
    this.sessions = sessions;
  }

  /** The configured admin token {@code token} is, if any. */
  AdminToken token(String token) {
    return byToken.find(token).orElse(null);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    AdminToken caller = byToken.find(token).orElse(null);
    if (caller == null && token == null && ctx.request().getCookie(SESSION_COOKIE) != null) {
      ConsoleSessions.Session session = sessions.find(ctx.request().getCookie(SESSION_COOKIE).getValue());
      if (session == null) {
        AdminResponses.error(ctx, 401, "console_session_expired", "The console session has ended; sign in again.");
        return;
      }
      HttpMethod m = ctx.request().method();
      boolean safe = m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD);
      if (!safe && !ConsoleSessions.csrfMatches(session, ctx.request().getHeader(CSRF_HEADER))) {
        AdminResponses.error(ctx, 403, "csrf_token_missing", "A change made from the console must carry the "
            + "session's " + CSRF_HEADER + " header.");
        return;
      }
      caller = session.caller();
      ctx.put(SESSION, ctx.request().getCookie(SESSION_COOKIE).getValue());
    }
    if (caller == null) {
      AdminResponses.error(ctx, 401, "invalid_admin_token", token == null
          ? "Admin API needs 'Authorization: Bearer <admin token>'."
          : "Unknown admin token; use one from admin_tokens in gateway.json.");
      return;
    }
    ctx.put(CALLER, caller);
    ctx.next();
  }

  static AdminToken caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /**
   * The tenant a query reads: the one {@code asked} (null: every tenant), narrowed to the caller's
   * own when its token is scoped; IllegalArgumentException when a scoped token asks for another.
   */
  static String tenantFilter(AdminToken caller, String asked) {
    if (caller.tenant() == null) {
      return asked;
    }
    if (asked != null && !asked.equals(caller.tenant())) {
      throw new IllegalArgumentException("this admin token may only read tenant '" + caller.tenant() + "'");
    }
    return caller.tenant();
  }

  /**
   * A guard for changes that affect every tenant (breaker modes, prompts): the role, and a token
   * that is not scoped to one tenant.
   */
  static Handler<RoutingContext> requiresGlobal(Role needed) {
    return ctx -> {
      AdminToken caller = caller(ctx);
      if (!Role.of(caller.role()).allows(needed)) {
        requires(needed).handle(ctx); // answers 403 insufficient_role
        return;
      }
      if (caller.tenant() != null) {
        AdminResponses.error(ctx, 403, "tenant_scoped_token", "Admin token '" + caller.name() + "' is scoped to tenant "
            + caller.tenant() + "; " + ctx.request().method() + " " + ctx.request().path()
            + " changes the gateway for every tenant and needs an unscoped token.");
        return;
      }
      ctx.next();
    };
  }

  /** A route guard: lets the request on only when the caller's role includes {@code needed}. */
  static Handler<RoutingContext> requires(Role needed) {
    return ctx -> {
      AdminToken caller = caller(ctx);
      if (Role.of(caller.role()).allows(needed)) {
        ctx.next();
        return;
      }
      AdminResponses.error(ctx, 403, "insufficient_role", "Admin token '" + caller.name() + "' has role "
          + caller.role() + "; " + ctx.request().method() + " " + ctx.request().path() + " needs "
          + needed.wireName() + " or higher.");
    };
  }
}
