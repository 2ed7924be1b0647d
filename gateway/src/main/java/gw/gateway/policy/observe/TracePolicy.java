package gw.gateway.policy.observe;

import gw.gateway.chain.Exchange;
import gw.gateway.chain.Policy;

/** Last in the chain: every finished exchange, success or failure, becomes a trace. */
public final class TracePolicy implements Policy {
  private final TraceRecorder recorder;

  public TracePolicy(TraceRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void onComplete(Exchange exchange) {
    recorder.record(exchange);
  }
}
