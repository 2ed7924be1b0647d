package gw.gateway.policy.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The periods a budget resets on, in UTC so every instance of the gateway agrees. */
public enum BudgetPeriod {
  DAILY {
    @Override
    public Instant startOf(Instant t) {
      return t.truncatedTo(ChronoUnit.DAYS);
    }

    @Override
    public Instant next(Instant start) {
      return start.plus(1, ChronoUnit.DAYS);
    }
  },
  MONTHLY {
    @Override
    public Instant startOf(Instant t) {
      return LocalDate.ofInstant(t, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public Instant next(Instant start) {
      return start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }
  };

  public abstract Instant startOf(Instant t);

  /** The start of the period after the one starting at {@code start}. */
  public abstract Instant next(Instant start);

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
