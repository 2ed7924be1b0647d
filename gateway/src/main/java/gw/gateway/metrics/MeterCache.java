package gw.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters by name and label values, each registered with the registry the first time it is used and
 * reused after: a builder's {@code register()} per request builds, sorts and looks up a meter id
 * every time. Label values are bounded by the caller, so the map is too.
 */
final class MeterCache {
  private final MeterRegistry registry;
  private final Map<Key, Meter> meters = new ConcurrentHashMap<>();

  MeterCache(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code tags}: label names and values, alternating. */
  Counter counter(String name, String description, String... tags) {
    return (Counter) meters.computeIfAbsent(new Key(name, tags),
        k -> Counter.builder(name).description(description).tags(tags).register(registry));
  }

  /** {@code tags}: label names and values, alternating. */
  Timer timer(String name, String description, Duration[] buckets, String... tags) {
    return (Timer) meters.computeIfAbsent(new Key(name, tags),
        k -> Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets).register(registry));
  }

  /** The array is the caller's varargs array, never changed after the call. */
  private record Key(String name, List<String> tags) {
    Key(String name, String[] tags) {
      this(name, Arrays.asList(tags));
    }
  }
}
