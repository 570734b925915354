package org.simdact.accuracy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.simdact.oracle.Float64Oracle;

/**
 * What the sweep learned about one function: its largest error and where, how many results fall
 * in each error class, and the first inputs (in unsigned bit order) that break the bound, differ
 * between the vector and scalar paths, or give a zero of the wrong sign. Each worker thread fills
 * its own tally; {@link #merge} combines them.
 *
 * <p>The classes: <em>exact</em> is the float64 reference rounded to float (NaN for NaN); the
 * others are by {@link Float64Oracle#ulpError}: (0, 1], (1, 2] and above 2 ulp. An infinity that
 * the rounded reference also gives (a finite reference beyond the float range) counts as exact.
 */
public final class Tally {

  /** How many inputs of each kind of finding are kept for the report. */
  public static final int KEPT = 5;

  /** One input, what the vector path gave, and the reference. */
  public record Sample(int bits, float actual, float scalar, double reference, double errorUlp) {

    public float input() {
      return Float.intBitsToFloat(bits);
    }
  }

  private static final Comparator<Sample> BY_BITS =
      (a, b) -> Integer.compareUnsigned(a.bits(), b.bits());

  final SweptFunction function;

  long count;
  long exact;
  long withinOne;
  long withinTwo;
  long aboveTwo;
  long violations;
  long outsideDomain;
  long pathMismatches;
  long zeroSignMismatches;
  Sample worst;
  Sample smallestViolation;

  final List<Sample> firstViolations = new ArrayList<>();
  final List<Sample> firstPathMismatches = new ArrayList<>();
  final List<Sample> firstZeroSignMismatches = new ArrayList<>();

  public Tally(SweptFunction function) {
    this.function = function;
  }

  /** Records one input; inputs must arrive in increasing unsigned bit order per tally. */
  void add(int bits, float actual, float scalar, double reference) {
    if (Float.floatToIntBits(actual) != Float.floatToIntBits(scalar)) {
      pathMismatches++;
      keep(firstPathMismatches, bits, actual, scalar, reference, Double.NaN);
    }
    if (!function.inDomain(Float.intBitsToFloat(bits))) {
      // outside the documented domain only the bit identity of the two paths is checked
      outsideDomain++;
      return;
    }
    count++;

    float rounded = (float) reference;
    boolean correctlyRounded =
        actual == rounded || (Float.isNaN(actual) && Double.isNaN(reference));
    double error;
    if (correctlyRounded) {
      exact++;
      // ulpError calls any infinity against a finite reference infinitely wrong; an overflow the
      // rounded reference shares is the right answer
      error = Float.isInfinite(rounded) ? 0 : Float64Oracle.ulpError(actual, reference);
    } else {
      error = Float64Oracle.ulpError(actual, reference);
      if (error <= 1) {
        withinOne++;
      } else if (error <= 2) {
        withinTwo++;
      } else {
        aboveTwo++;
      }
    }

    if (worst == null || error > worst.errorUlp()) {
      worst = new Sample(bits, actual, scalar, reference, error);
    }
    boolean breaks = function.exact() ? !correctlyRounded : error > function.boundUlp();
    if (breaks) {
      violations++;
      keep(firstViolations, bits, actual, scalar, reference, error);
      if (smallestViolation == null || closerToZero(bits, smallestViolation.bits())) {
        smallestViolation = new Sample(bits, actual, scalar, reference, error);
      }
    }
    if (actual == 0f && rounded == 0f
        && Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(rounded)) {
      zeroSignMismatches++;
      keep(firstZeroSignMismatches, bits, actual, scalar, reference, error);
    }
  }

  private static void keep(
      List<Sample> list, int bits, float actual, float scalar, double reference, double error) {
    if (list.size() < KEPT) {
      list.add(new Sample(bits, actual, scalar, reference, error));
    }
  }

  /** Adds another thread's tally of the same function into this one. */
  void merge(Tally other) {
    count += other.count;
    exact += other.exact;
    withinOne += other.withinOne;
    withinTwo += other.withinTwo;
    aboveTwo += other.aboveTwo;
    violations += other.violations;
    outsideDomain += other.outsideDomain;
    pathMismatches += other.pathMismatches;
    zeroSignMismatches += other.zeroSignMismatches;
    if (other.worst != null
        && (worst == null
            || other.worst.errorUlp() > worst.errorUlp()
            || (other.worst.errorUlp() == worst.errorUlp()
                && BY_BITS.compare(other.worst, worst) < 0))) {
      worst = other.worst;
    }
    if (other.smallestViolation != null
        && (smallestViolation == null
            || closerToZero(other.smallestViolation.bits(), smallestViolation.bits()))) {
      smallestViolation = other.smallestViolation;
    }
    mergeFirst(firstViolations, other.firstViolations);
    mergeFirst(firstPathMismatches, other.firstPathMismatches);
    mergeFirst(firstZeroSignMismatches, other.firstZeroSignMismatches);
  }

  /** Smaller magnitude first (NaN last), and on equal magnitude the positive input. */
  private static boolean closerToZero(int a, int b) {
    int byMagnitude = Integer.compareUnsigned(a & 0x7fff_ffff, b & 0x7fff_ffff);
    return byMagnitude < 0 || (byMagnitude == 0 && a >= 0 && b < 0);
  }

  private static void mergeFirst(List<Sample> mine, List<Sample> theirs) {
    mine.addAll(theirs);
    mine.sort(BY_BITS);
    while (mine.size() > KEPT) {
      mine.remove(mine.size() - 1);
    }
  }

  public SweptFunction function() {
    return function;
  }

  public long count() {
    return count;
  }

  public long exact() {
    return exact;
  }

  public long withinOne() {
    return withinOne;
  }

  public long withinTwo() {
    return withinTwo;
  }

  public long aboveTwo() {
    return aboveTwo;
  }

  /** Inputs whose result breaks the documented bound. */
  public long violations() {
    return violations;
  }

  /** Inputs outside the documented domain, checked for bit identity only. */
  public long outsideDomain() {
    return outsideDomain;
  }

  /** Inputs where the vector and scalar paths give different bits. */
  public long pathMismatches() {
    return pathMismatches;
  }

  /** Inputs whose result is a zero of the other sign than the rounded reference. */
  public long zeroSignMismatches() {
    return zeroSignMismatches;
  }

  public Sample worst() {
    return worst;
  }

  /**
   * The violating input of smallest magnitude, or null: tells whether the bound breaks only far
   * outside a function's useful range.
   */
  public Sample smallestViolation() {
    return smallestViolation;
  }

  public List<Sample> firstViolations() {
    return List.copyOf(firstViolations);
  }

  public List<Sample> firstPathMismatches() {
    return List.copyOf(firstPathMismatches);
  }

  public List<Sample> firstZeroSignMismatches() {
    return List.copyOf(firstZeroSignMismatches);
  }

  public boolean holds() {
    return violations == 0 && pathMismatches == 0;
  }
}
