package gw.traces.json;

/** A JSON document that does not fit its record: which field, what is wrong, how to fix it. */
public final class BindingException extends IllegalArgumentException {
  private final String field;

  public BindingException(String field, String problem, String fix) {
    super(field + " " + problem + "; " + fix);
    this.field = field;
  }

  /** The field's path, e.g. {@code COST_SPIKE.open_seconds} or {@code keys[0].tier}. */
  public String field() {
    return field;
  }
}
