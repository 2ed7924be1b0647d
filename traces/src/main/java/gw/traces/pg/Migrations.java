package gw.traces.pg;

import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Brings a store's schema up to date with Flyway over JDBC, at open only. Flyway holds a PostgreSQL
 * advisory lock while it migrates, so instances starting together apply each migration once; a
 * database migrated by a newer build (a version this one lacks) fails validation and is left alone.
 */
final class Migrations {
  private Migrations() {}

  static void run(StoreUrl url, String schema, Duration connectTimeout) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {url.host()});
    source.setPortNumbers(new int[] {url.port()});
    source.setDatabaseName(url.database());
    source.setUser(url.user());
    source.setPassword(url.password());
    source.setConnectTimeout((int) connectTimeout.toSeconds());
    source.setApplicationName("gw migrations");
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(source)
          .schemas(schema)
          .locations("classpath:db/migration/" + schema)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new PgStoreException("cannot open the PostgreSQL store " + url.describe() + " (" + url.details() + "): "
          + cause(e) + "; check that PostgreSQL runs there, that the user and password (GW_STORE_PASSWORD) are right"
          + " and that the user may create schemas in the database", e);
    }
  }

  /** The driver's own words when there are some (Flyway's message adds the JDBC URL and a banner). */
  private static String cause(FlywayException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getMessage();
      }
    }
    return e.getMessage().lines().filter(l -> !l.isBlank()).limit(3).reduce((a, b) -> a + " " + b).orElse("");
  }
}
