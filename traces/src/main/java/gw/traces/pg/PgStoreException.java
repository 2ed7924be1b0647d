package gw.traces.pg;

/** A PostgreSQL store could not be opened: the message names host, port, database and user, never the password. */
public final class PgStoreException extends RuntimeException {
  PgStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
