package gw.gateway.metering;

import gw.gateway.chain.Exchange;

/**
 * Something that needs every finished request's numbers: budgets and limits (through the
 * exchange's settlements), breaker windows, health and Prometheus metrics, trace storage. Runs on
 * the metering thread; must be thread-safe towards the event loops and must not block for long.
 */
@FunctionalInterface
public interface MeteringSubscriber {
  void onMetered(Exchange exchange, Measurement measurement);
}
