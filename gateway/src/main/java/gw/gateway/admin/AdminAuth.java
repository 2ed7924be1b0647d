package gw.gateway.admin;

import gw.gateway.config.GatewayConfig.AdminToken;
import gw.gateway.security.Credentials;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Bearer-token check for every admin route; puts the caller's token on the routing context. */
final class AdminAuth implements Handler<RoutingContext> {
  static final String CALLER = "gw.admin.caller";
  private final Credentials<AdminToken> byToken = new Credentials<>();

  AdminAuth(List<AdminToken> tokens) {
    tokens.forEach(t -> byToken.add(t.token(), t));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String auth = ctx.request().getHeader("Authorization");
    String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    AdminToken caller = byToken.find(token).orElse(null);
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
