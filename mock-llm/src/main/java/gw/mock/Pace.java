package gw.mock;

/**
 * How fast one answer is written: the wait for its first token, then its generation speed. Scaled
 * delays keep their proportions, so a compressed run has the same shape as a real one.
 *
 * @param ttftMs          time to first token (for embeddings: time to the whole answer)
 * @param tokensPerSecond generation speed after the first token; 0 means instant
 */
record Pace(long ttftMs, double tokensPerSecond) {

  long firstTokenDelayMs(double timeScale) {
    return Math.round(ttftMs * timeScale);
  }

  long tokensDelayMs(int tokens, double timeScale) {
    if (!generatesOverTime(timeScale)) {
      return 0;
    }
    return Math.round(tokens * 1000.0 / tokensPerSecond * timeScale);
  }

  boolean generatesOverTime(double timeScale) {
    return tokensPerSecond > 0 && timeScale > 0;
  }
}
