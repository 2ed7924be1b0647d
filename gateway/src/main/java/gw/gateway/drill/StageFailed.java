package gw.gateway.drill;

/** A drill stage that did not happen (in time): its message is the drill's one-line verdict. */
final class StageFailed extends RuntimeException {
  StageFailed(String message) {
    super(message, null, false, false);
  }
}
