package gw.traces.pg;

/** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2, ...}; a {@code ?} inside a quoted literal stays. */
final class Placeholders {
  private Placeholders() {}

  static String numbered(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    boolean quoted = false;
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == '?' && !quoted) {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
