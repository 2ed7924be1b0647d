package gw.gateway.chain;

/** Who is calling, as resolved from the gateway key. The key itself is not kept. */
public record Identity(String keyName, String tenant, String team, String tier) {
  public static final Identity ANONYMOUS = new Identity("none", "anonymous", "none", "free");
}
