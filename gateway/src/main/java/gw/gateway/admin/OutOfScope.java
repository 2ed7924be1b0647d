package gw.gateway.admin;

/** A tenant-scoped token asked for another tenant's data: answered 403 {@code tenant_scoped_token}. */
final class OutOfScope extends RuntimeException {
  OutOfScope(String message) {
    super(message, null, false, false);
  }
}
