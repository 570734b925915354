package org.simdact;

import java.util.Objects;

/** Argument checks shared by the entry points; each throws before anything is written. */
final class Checks {

  private Checks() {}

  static void finite(String name, float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, was " + value);
    }
  }

  static void sameLength(String aName, float[] a, String bName, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          aName + " and " + bName + " must have the same length, but " + aName + ".length is "
              + a.length + " and " + bName + ".length is " + b.length);
    }
  }

  /** As {@link Objects#checkFromIndexSize}, with the array's name in the message. */
  static void range(String name, float[] a, int pos, int length) {
    try {
      Objects.checkFromIndexSize(pos, length, a.length);
    } catch (IndexOutOfBoundsException e) {
      throw new IndexOutOfBoundsException(name + ": " + e.getMessage());
    }
  }

  /**
   * Ranges of the same array must either be the same range (in place) or not overlap: a partial
   * overlap would let the output overwrite input that is still to be read.
   */
  static void noPartialOverlap(
      String inName, float[] in, int inPos, String outName, float[] out, int outPos, int length) {
    if (in == out && inPos != outPos && length > 0
        && inPos < outPos + length && outPos < inPos + length) {
      throw new IllegalArgumentException(
          inName + " and " + outName + " are the same array and their ranges ["
              + inPos + ", " + (inPos + length) + ") and [" + outPos + ", " + (outPos + length)
              + ") overlap without being equal; use the same position for in-place work");
    }
  }

  /** rows * cols, checked to be non-negative and to fit an array. */
  static int matrixSize(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "rows and cols must not be negative, were rows = " + rows + ", cols = " + cols);
    }
    long size = (long) rows * cols;
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "rows * cols = " + rows + " * " + cols + " = " + size + " exceeds the largest array");
    }
    return (int) size;
  }

  static void matrixMatches(String name, float[] a, int rows, int cols, int size) {
    if (a.length != size) {
      throw new IllegalArgumentException(
          "rows * cols = " + rows + " * " + cols + " = " + size + " does not match "
              + name + ".length = " + a.length);
    }
  }
}
