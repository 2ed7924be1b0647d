package gw.mock;

/** Stable 64-bit hashing, so answers, ids and vectors do not change between JVMs. */
final class Hashing {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {
  }

  static long fnv64(String text) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
