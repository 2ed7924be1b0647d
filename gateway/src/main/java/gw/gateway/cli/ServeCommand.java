package gw.gateway.cli;

import gw.gateway.config.ConfigException;
import gw.gateway.config.ConfigLoader;
import gw.gateway.config.ConfigSource;
import gw.gateway.config.GatewayConfig;
import gw.gateway.server.Gateway;
import gw.traces.pg.StoreUrl;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway in front of an OpenAI-compatible upstream.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--upstream", description = "Upstream base URL ending in /v1 (env GW_UPSTREAM).")
  String upstream;

  @Option(names = "--port", description = "Data-plane port (env GW_PORT, default 8080).")
  Integer port;

  @Option(names = "--admin-port", description = "Admin API port (env GW_ADMIN_PORT, default 8081).")
  Integer adminPort;

  @Option(names = "--data-dir",
      description = "Where traces and control.db are stored without --store-url (env GW_DATA_DIR, default ./data).")
  Path dataDir;

  @Option(names = "--redis", paramLabel = "URL", description = "Shared Redis for budgets, rate limits, breaker "
      + "modes and incidents across instances, redis://[:password@]host:port[/db] (env GW_REDIS_URL; prefer the "
      + "variable when the URL holds a password).")
  String redis;

  @Option(names = "--instance-id", description = "This instance's name in logs and incident timelines "
      + "(env GW_INSTANCE_ID, default host name and process id).")
  String instanceId;

  @Mixin ConfigDirOption configDir;
  @Mixin StoreUrlOption storeUrl;
  @Mixin LogFormatOption logFormat;

  @Option(names = "--dev",
      description = "Allow the demo credentials (gw-demo-key, gw-demo-acme-key, gw-admin-demo); localhost only.")
  boolean dev;

  @Override
  public Integer call() {
    PrintStream banner = logFormat.install();
    GatewayConfig config;
    ConfigSource source;
    try {
      source = configDir.source();
      config = new ConfigLoader(source, System.getenv()).load()
          .withCommandLine(upstream, port, adminPort, dataDir, dev);
      config = config.withFleet(fleet(config.fleet()));
      StoreUrl url = storeUrl.parse(false); // GW_STORE_URL is the config loader's
      if (url != null) {
        config = config.withStoreUrl(url);
      }
    } catch (ConfigException e) {
      System.err.println("gw serve: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println("gw serve: --store-url: " + e.getMessage());
      return 2;
    }
    if (config.usesDemoCredentials() && !config.devMode()) {
      System.err.println("gw serve: refusing to start: the configuration contains the demo credentials "
          + "(gw-demo-key, gw-demo-acme-key / gw-admin-demo), which are for localhost use only. Pass --dev to use them "
          + "anyway, or put your own keys and admin tokens in a gateway.json and pass --config-dir.");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Gateway gateway = Running.await(vertx, Gateway.start(vertx, config, source), "starting the gateway");
    Banner.gateway(banner, config, gateway);
    return Running.untilInterrupted(vertx, gateway::close);
  }

  private GatewayConfig.Fleet fleet(GatewayConfig.Fleet fromEnv) {
    if (redis != null) {
      try {
        gw.gateway.shared.RedisLink.validate(redis);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--redis: " + e.getMessage());
      }
    }
    return new GatewayConfig.Fleet(instanceId != null ? instanceId : fromEnv.instanceId(),
        redis != null ? redis : fromEnv.redisUrl(), fromEnv.redisTimeoutMs());
  }
}
