package gw.mock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Deterministic unit vectors from hashed words plus a little text-specific noise, so texts sharing words
 * are close (cosine similarity means something to a retriever) and equal texts are equal.
 */
final class EmbeddingVectors {

  private static final int SLOTS_PER_WORD = 8;
  private static final double NOISE = 0.05;

  private EmbeddingVectors() {
  }

  static float[] vector(String model, String text, int dimensions) {
    double[] sum = new double[dimensions];
    long modelHash = Hashing.fnv64(model);
    for (String word : Words.significant(text)) {
      SplittableRandom slots = new SplittableRandom(Hashing.fnv64(word) ^ modelHash);
      for (int i = 0; i < SLOTS_PER_WORD; i++) {
        sum[slots.nextInt(dimensions)] += slots.nextBoolean() ? 1 : -1;
      }
    }
    SplittableRandom noise = new SplittableRandom(Hashing.fnv64(text) ^ modelHash);
    for (int i = 0; i < dimensions; i++) {
      sum[i] += (noise.nextDouble() - 0.5) * 2 * NOISE;
    }
    return normalised(sum);
  }

  private static float[] normalised(double[] values) {
    double norm = 0;
    for (double value : values) {
      norm += value * value;
    }
    norm = Math.sqrt(norm);
    float[] unit = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      unit[i] = (float) (norm == 0 ? 0 : values[i] / norm);
    }
    return unit;
  }

  /** OpenAI's {@code encoding_format: "base64"}: little-endian float32 values, base64-encoded. */
  static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : vector) {
      bytes.putFloat(value);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
