package gw.gateway.chain;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Words for a failure: many JDK exceptions (a refused connection, a timeout) carry no message at all. */
public final class Causes {
  private Causes() {}

  /** The failure's message, else its cause's, else its kind ("ConnectException"): never {@code null}. */
  public static String describe(Throwable error) {
    Throwable e = unwrap(error);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t == e ? t.getMessage() : e.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
