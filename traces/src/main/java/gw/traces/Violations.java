package gw.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Collects rule violations as precise, field-named sentences. */
final class Violations {
  private final List<String> messages = new ArrayList<>();

  void add(String message) {
    messages.add(message);
  }

  List<String> list() {
    return List.copyOf(messages);
  }

  void nonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      add(field + " must not be blank");
    }
  }

  void oneOf(String field, String value, Set<String> allowed, List<String> displayOrder) {
    if (value == null) {
      add(field + " is required, one of " + displayOrder);
    } else if (!allowed.contains(value)) {
      add(field + " must be one of " + displayOrder + ", got " + quote(value));
    }
  }

  void nonNegative(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      add(field + " must be a finite number >= 0, got " + number(value));
    }
  }

  void nonNegative(String field, long value) {
    if (value < 0) {
      add(field + " must be >= 0, got " + value);
    }
  }

  void unitInterval(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      add(field + " must be in [0,1], got " + number(value));
    }
  }

  <T> void noNullItems(String field, List<T> items) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        add(field + "[" + i + "] must not be null");
      }
    }
  }

  static String quote(String value) {
    return "\"" + value + "\"";
  }

  /** Prints 5.0 as 5 and keeps fractions, so messages read like the input. */
  static String number(double value) {
    if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
