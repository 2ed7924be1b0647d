package gw.gateway.cli;

import gw.gateway.config.GatewayConfig;
import gw.gateway.server.Gateway;
import java.io.PrintStream;

/** What the operator sees once the system is up. */
final class Banner {
  private Banner() {}

  static void gateway(PrintStream out, GatewayConfig config, Gateway gateway) {
    String host = config.listen().host();
    out.println("gateway      http://" + host + ":" + gateway.port() + "/v1   -> " + config.upstream().baseUrl());
    for (GatewayConfig.Provider p : config.providers()) {
      out.println("             " + String.join(", ", p.models()) + "   -> " + p.connection().baseUrl() + "   ("
          + "provider " + p.name() + ", kind " + p.kind().id() + ")");
    }
    out.println("admin API    http://" + host + ":" + gateway.adminPort() + "/admin   (traces in "
        + config.stateLocation() + ")");
    out.println("console      http://" + host + ":" + gateway.adminPort() + "/   (sign in with an admin token)");
    if (config.fleet().shared()) {
      out.println("shared       " + gw.gateway.shared.RedisLink.displayAddress(config.fleet().redisUrl())
          + "   (instance " + config.fleet().instanceId() + ")");
    }
  }

  static void nextSteps(PrintStream out, Gateway gateway) {
    String base = "http://127.0.0.1:" + gateway.port();
    out.println();
    out.println("Try it (demo key gw-demo-key, admin token gw-admin-demo; Ctrl-C stops everything):");
    out.println("  curl -s " + base + "/v1/chat/completions -H 'Authorization: Bearer gw-demo-key' \\");
    out.println("    -H 'Content-Type: application/json' \\");
    out.println("    -d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}'");
    out.println("  curl -s " + base + "/v1/messages -H 'x-api-key: gw-demo-key' -H 'anthropic-version: 2023-06-01' \\");
    out.println("    -H 'Content-Type: application/json' \\");
    out.println("    -d '{\"model\":\"claude-sonnet-4\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}'");
    out.println("  curl -s -H 'Authorization: Bearer gw-admin-demo' http://127.0.0.1:" + gateway.adminPort()
        + "/admin/traces?limit=5");
  }
}
