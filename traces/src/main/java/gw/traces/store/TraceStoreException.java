package gw.traces.store;

/** The trace database could not be opened or read. */
public final class TraceStoreException extends RuntimeException {
  public TraceStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public TraceStoreException(String message) {
    super(message);
  }
}
