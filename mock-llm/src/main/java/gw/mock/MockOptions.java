package gw.mock;

import java.util.Objects;

/**
 * How the mock provider listens and behaves.
 *
 * @param host      interface to bind; defaults to loopback so the mock is never exposed by accident
 * @param port      TCP port; 0 picks a free one (read it back with {@link MockLlmServer#actualPort()})
 * @param timeScale multiplier for every delay; 0 answers at once with no timers
 * @param seed      seed of the random source that decides whether a chaos mode with a rate fires
 * @param profile   how answers are paced and written unless a request's {@code x-mock-profile} says otherwise
 */
public record MockOptions(String host, int port, double timeScale, long seed, MockProfile profile) {

  public MockOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank; use 127.0.0.1 to stay on loopback");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535] (0 = random free port), got " + port);
    }
    if (!Double.isFinite(timeScale) || timeScale < 0) {
      throw new IllegalArgumentException("timeScale must be a finite number >= 0 (0 = no delays), got " + timeScale);
    }
    Objects.requireNonNull(profile, "profile (standard or realistic)");
  }

  public MockOptions(String host, int port, double timeScale, long seed) {
    this(host, port, timeScale, seed, MockProfile.STANDARD);
  }

  public static MockOptions defaults() {
    return new MockOptions("127.0.0.1", 8090, 1.0, 42L, MockProfile.STANDARD);
  }

  public MockOptions withPort(int port) {
    return new MockOptions(host, port, timeScale, seed, profile);
  }

  public MockOptions withTimeScale(double scale) {
    return new MockOptions(host, port, scale, seed, profile);
  }

  public MockOptions withSeed(long newSeed) {
    return new MockOptions(host, port, timeScale, newSeed, profile);
  }

  public MockOptions withProfile(MockProfile newProfile) {
    return new MockOptions(host, port, timeScale, seed, newProfile);
  }
}
