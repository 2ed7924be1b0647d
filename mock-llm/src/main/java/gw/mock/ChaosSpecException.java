package gw.mock;

/** A chaos configuration that cannot be used; {@link #field()} names what to fix. */
public final class ChaosSpecException extends IllegalArgumentException {

  private final String field;

  ChaosSpecException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The offending JSON path (e.g. {@code modes.error_503.rate}) or {@code x-mock-chaos}. */
  public String field() {
    return field;
  }
}
