package gw.gateway.cli;

import picocli.CommandLine.Option;

/** Where sample traffic goes: the gateway's data plane, the mock's retrieval, and the key it uses. */
final class TrafficTarget {
  @Option(names = "--gateway", defaultValue = EnvDefaults.GATEWAY_URL,
      description = "The gateway's data plane (default ${DEFAULT-VALUE}).")
  String gateway;

  @Option(names = "--mock", defaultValue = EnvDefaults.MOCK_URL,
      description = "The mock LLM, which also serves /v1/retrieve (default ${DEFAULT-VALUE}).")
  String mock;

  @Option(names = "--key", defaultValue = EnvDefaults.DEMO_KEY,
      description = "Gateway key of the traffic (default ${DEFAULT-VALUE}).")
  String key;
}
