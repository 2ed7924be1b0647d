package gw.bench.soak;

import java.util.List;

/**
 * The mock's chaos modes the soak cycles through, one phase each, sent as {@code x-mock-chaos} on
 * every request of the phase (the mock draws each request's fate by the rate). A phase that injects
 * failures lets its requests fail; one that only changes content (a leak, a runaway answer, an
 * off-brand tone) or pace must still answer every request.
 */
record ChaosCycle(List<Phase> phases) {
  /** @param header the {@code x-mock-chaos} value, or null for none */
  record Phase(String name, String header, boolean injectsFailures) {}

  static ChaosCycle standard() {
    return new ChaosCycle(List.of(
        new Phase("clean", null, false),
        new Phase("error_503", "error_503@0.3", true),
        new Phase("latency", "latency=300@0.5", false),
        new Phase("rate_limit", "rate_limit=1@0.3", true),
        new Phase("pii_leak", "pii_leak@0.3", false),
        new Phase("drop_connection", "drop_connection@0.2", true),
        new Phase("token_blowup", "token_blowup=5@0.3", false),
        new Phase("truncate_stream", "truncate_stream@0.3", true),
        new Phase("off_brand", "off_brand@0.3", false),
        new Phase("error_500", "error_500@0.3", true)));
  }

  /** The phase in force {@code elapsedSeconds} into the run, phases lasting {@code phaseSeconds} each, in a loop. */
  Phase at(long elapsedSeconds, long phaseSeconds) {
    return phases.get((int) ((elapsedSeconds / phaseSeconds) % phases.size()));
  }
}
