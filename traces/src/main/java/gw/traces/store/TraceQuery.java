package gw.traces.store;

import java.time.Instant;

/**
 * Filters for {@link TraceStore#query}; null means "any". {@code from} is inclusive, {@code to}
 * exclusive; {@code model} matches the requested or the served model. {@code limit} 0 means
 * {@value #DEFAULT_LIMIT}, larger values are capped at {@value #MAX_LIMIT}. {@code cursor} is the
 * previous page's next cursor, passed back unchanged.
 */
public record TraceQuery(
    Instant from,
    Instant to,
    String model,
    String promptVersion,
    String status,
    String tenant,
    String sessionId,
    int limit,
    String cursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public TraceQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " (0 for the default "
          + DEFAULT_LIMIT + "), got " + limit);
    }
    limit = limit == 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public TraceQuery withCursor(String nextCursor) {
    return new TraceQuery(from, to, model, promptVersion, status, tenant, sessionId, limit, nextCursor);
  }

  public static final class Builder {
    private Instant from;
    private Instant to;
    private String model;
    private String promptVersion;
    private String status;
    private String tenant;
    private String sessionId;
    private int limit;
    private String cursor;

    private Builder() {}

    public Builder from(Instant value) {
      from = value;
      return this;
    }

    public Builder to(Instant value) {
      to = value;
      return this;
    }

    public Builder model(String value) {
      model = value;
      return this;
    }

    public Builder promptVersion(String value) {
      promptVersion = value;
      return this;
    }

    public Builder status(String value) {
      status = value;
      return this;
    }

    public Builder tenant(String value) {
      tenant = value;
      return this;
    }

    public Builder sessionId(String value) {
      sessionId = value;
      return this;
    }

    public Builder limit(int value) {
      limit = value;
      return this;
    }

    public Builder cursor(String value) {
      cursor = value;
      return this;
    }

    public TraceQuery build() {
      return new TraceQuery(from, to, model, promptVersion, status, tenant, sessionId, limit, cursor);
    }
  }
}
