package gw.mock;

/**
 * How one chaos mode is configured.
 *
 * @param rate  probability in [0, 1] that the mode fires on a request
 * @param param the mode's parameter (see {@link ChaosMode#paramName()}); ignored by modes without one
 */
public record ChaosSetting(double rate, long param) {

  public ChaosSetting {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be in [0, 1], got " + rate);
    }
    if (param < 0) {
      throw new IllegalArgumentException("param must be >= 0, got " + param);
    }
  }
}
