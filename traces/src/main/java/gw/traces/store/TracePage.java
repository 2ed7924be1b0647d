package gw.traces.store;

import gw.traces.TraceRecord;
import java.util.List;

/** One page of query results; {@code nextCursor} is null on the last page. */
public record TracePage(List<TraceRecord> items, String nextCursor) {
  public TracePage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
