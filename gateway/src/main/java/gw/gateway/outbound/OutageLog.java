package gw.gateway.outbound;

/**
 * Logs a failing endpoint without flooding: the first failure, then at most one line a minute while
 * it lasts, and one line when it works again. For one sender thread.
 */
public final class OutageLog {
  private static final long EVERY_MS = 60_000;

  private final System.Logger log;
  private final String what;
  private long failingSince;
  private long lastLine;

  /** {@code what} names the endpoint in every line, e.g. "OTLP export to https://host/v1/traces". */
  public OutageLog(System.Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  public void failed(String problem) {
    long now = System.currentTimeMillis();
    boolean starts = failingSince == 0;
    if (starts) {
      failingSince = now;
    }
    if (starts || now - lastLine >= EVERY_MS) {
      lastLine = now;
      log.log(System.Logger.Level.WARNING, what + " failed: " + problem);
    }
  }

  public void succeeded() {
    if (failingSince != 0) {
      log.log(System.Logger.Level.INFO, what + " works again after " + (System.currentTimeMillis() - failingSince) / 1000
          + " s");
      failingSince = 0;
    }
  }
}
