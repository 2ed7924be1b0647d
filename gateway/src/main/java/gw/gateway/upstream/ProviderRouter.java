package gw.gateway.upstream;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.GatewayFailure;
import io.vertx.core.Future;
import java.util.Map;

/** The innermost step of a try: the provider its request was {@link UpstreamRequest#prepare}d for makes the call. */
public final class ProviderRouter implements Upstream {
  private final Map<String, Upstream> byName;

  public ProviderRouter(Map<String, Upstream> byName) {
    this.byName = Map.copyOf(byName);
  }

  @Override
  public Future<UpstreamResponse> call(UpstreamRequest request) {
    GatewayFailure refused = request.prepare(); // already done by the breaker's guard: a no-op then
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    Exchange ex = request.exchange();
    ex.sentTo(request.provider().name(), request.wire());
    return byName.get(request.provider().name()).call(request);
  }
}
