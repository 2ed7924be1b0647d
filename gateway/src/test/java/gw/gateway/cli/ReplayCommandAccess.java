package gw.gateway.cli;

/** Lets tests in other packages run the package-private replay command. */
public final class ReplayCommandAccess {
  public Object command() {
    return new ReplayCommand();
  }
}
