package org.simdact;

import static java.util.stream.Collectors.toCollection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every public method of {@link Activations} rejects bad arguments with the documented exception,
 * a message that names what is wrong, and nothing written to any array.
 *
 * <p>The methods are listed once below with their parameter names (the class files do not keep
 * them); a parameter's type and role follow from its name. From each signature the faults are
 * generated: a null for each array, each position and the length out of range, a non-finite slope
 * or threshold, arrays of different lengths, a bad matrix shape, and an output range that
 * partially overlaps an input range of the same array.
 */
class ArgumentChecksTest {

  private static final List<Signature> SIGNATURES = List.of(
      sig("step", "src, dst"),
      sig("step", "threshold, src, dst"),
      sig("step", "threshold, src, srcPos, dst, dstPos, length"),
      sig("stepBackward", "dy, dx"),
      sig("stepBackward", "dy, dyPos, dx, dxPos, length"),
      sig("sigmoid", "src, dst"),
      sig("sigmoid", "src, srcPos, dst, dstPos, length"),
      sig("sigmoidBackward", "y, dy, dx"),
      sig("sigmoidBackward", "y, yPos, dy, dyPos, dx, dxPos, length"),
      sig("tanh", "src, dst"),
      sig("tanh", "src, srcPos, dst, dstPos, length"),
      sig("tanhBackward", "y, dy, dx"),
      sig("tanhBackward", "y, yPos, dy, dyPos, dx, dxPos, length"),
      sig("relu", "src, dst"),
      sig("relu", "src, srcPos, dst, dstPos, length"),
      sig("reluBackward", "x, dy, dx"),
      sig("reluBackward", "x, xPos, dy, dyPos, dx, dxPos, length"),
      sig("leakyRelu", "src, dst"),
      sig("leakyRelu", "slope, src, dst"),
      sig("leakyRelu", "slope, src, srcPos, dst, dstPos, length"),
      sig("leakyReluBackward", "x, dy, dx"),
      sig("leakyReluBackward", "slope, x, dy, dx"),
      sig("leakyReluBackward", "slope, x, xPos, dy, dyPos, dx, dxPos, length"),
      sig("softmax", "src, dst"),
      sig("softmax", "src, srcPos, dst, dstPos, length"),
      sig("softmaxRows", "rows, cols, src, dst"),
      sig("softmaxRows", "rows, cols, src, srcPos, dst, dstPos"),
      sig("softmaxBackward", "y, dy, dx"),
      sig("softmaxBackward", "y, yPos, dy, dyPos, dx, dxPos, length"),
      sig("softmaxRowsBackward", "rows, cols, y, dy, dx"),
      sig("softmaxRowsBackward", "rows, cols, y, yPos, dy, dyPos, dx, dxPos"));

  /** The elements a valid call works on: a row of LENGTH, or a ROWS x COLS matrix. */
  private static final int LENGTH = 5;

  private static final int ROWS = 2;

  private static final int COLS = 3;

  /** Positioned forms get arrays this much longer than the range, and positions 1, 2, 3. */
  private static final int SPARE = 3;

  private enum Kind { ARRAY, POSITION, LENGTH, ROWS, COLS, PARAMETER }

  private record Signature(String name, List<String> params) {

    Kind kind(String param) {
      return switch (param) {
        case "src", "dst", "x", "y", "dy", "dx" -> Kind.ARRAY;
        case "length" -> Kind.LENGTH;
        case "rows" -> Kind.ROWS;
        case "cols" -> Kind.COLS;
        case "slope", "threshold" -> Kind.PARAMETER;
        default -> {
          assertTrue(param.endsWith("Pos"), "unknown parameter " + param);
          yield Kind.POSITION;
        }
      };
    }

    boolean positioned() {
      return params.stream().anyMatch(p -> kind(p) == Kind.POSITION);
    }

    boolean matrix() {
      return params.contains("rows");
    }

    /** The elements a valid call reads and writes. */
    int size() {
      return matrix() ? ROWS * COLS : LENGTH;
    }

    int arrayLength() {
      return positioned() ? size() + SPARE : size();
    }

    List<String> arrays() {
      return params.stream().filter(p -> kind(p) == Kind.ARRAY).toList();
    }

    List<String> outputs() {
      return arrays().stream().filter(p -> p.equals("dst") || p.equals("dx")).toList();
    }

    List<String> inputs() {
      return arrays().stream().filter(p -> !outputs().contains(p)).toList();
    }

    int index(String param) {
      int i = params.indexOf(param);
      assertTrue(i >= 0, () -> param + " is not a parameter of " + this);
      return i;
    }

    Class<?>[] types() {
      return params.stream()
          .map(p -> switch (kind(p)) {
            case ARRAY -> float[].class;
            case PARAMETER -> float.class;
            default -> int.class;
          })
          .toArray(Class<?>[]::new);
    }

    Method method() {
      try {
        return Activations.class.getMethod(name, types());
      } catch (NoSuchMethodException e) {
        throw new AssertionError("Activations has no method " + this, e);
      }
    }

    /** Arguments of a call that succeeds; every array filled with its own pattern. */
    Object[] validArguments() {
      Object[] args = new Object[params.size()];
      int position = 1;
      for (int i = 0; i < args.length; i++) {
        args[i] = switch (kind(params.get(i))) {
          case ARRAY -> pattern(arrayLength(), i);
          case POSITION -> position++;
          case LENGTH -> LENGTH;
          case ROWS -> ROWS;
          case COLS -> COLS;
          case PARAMETER -> 0.5f;
        };
      }
      return args;
    }

    @Override
    public String toString() {
      return name + "(" + String.join(", ", params) + ")";
    }
  }

  private static Signature sig(String name, String params) {
    return new Signature(name, List.of(params.split(", ")));
  }

  private static float[] pattern(int length, int seed) {
    float[] a = new float[length];
    for (int i = 0; i < length; i++) {
      a[i] = -1000f * (seed + 1) - i;
    }
    return a;
  }

  /** One bad argument (or pair), the exception it must cause and words its message must hold. */
  private record Fault(
      String description,
      Consumer<Object[]> change,
      Class<? extends RuntimeException> exception,
      List<String> words) {}

  @Test
  void everyPublicMethodOfActivationsIsListed() {
    TreeSet<String> declared = Arrays.stream(Activations.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
        .filter(m -> !m.getName().equals("implementation"))
        .map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
        .collect(toCollection(TreeSet::new));
    TreeSet<String> listed = SIGNATURES.stream()
        .map(s -> s.name() + Arrays.toString(s.types()))
        .collect(toCollection(TreeSet::new));

    assertEquals(declared, listed);
  }

  @TestFactory
  Stream<DynamicNode> everyMethodRejectsBadArgumentsAndWritesNothing() {
    return SIGNATURES.stream()
        .map(s -> dynamicContainer(s.toString(), Stream.concat(
            validCalls(s).stream(),
            faults(s).stream().map(f -> rejects(s, f)))));
  }

  // ---- calls that must succeed, so that each fault below is the only thing wrong ----

  private static List<DynamicTest> validCalls(Signature s) {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(dynamicTest("accepts valid arguments", () -> invoke(s, s.validArguments())));
    for (String out : s.outputs()) {
      for (String in : s.inputs()) {
        tests.add(dynamicTest("accepts " + out + " in place of " + in, () -> {
          Object[] args = s.validArguments();
          args[s.index(out)] = args[s.index(in)];
          if (s.positioned()) {
            args[s.index(out + "Pos")] = args[s.index(in + "Pos")];
          }
          invoke(s, args);
        }));
      }
    }
    if (s.positioned() && s.inputs().size() == 2) {
      String a = s.inputs().get(0);
      String b = s.inputs().get(1);
      tests.add(dynamicTest("accepts overlapping inputs " + a + " and " + b, () -> {
        Object[] args = s.validArguments();
        args[s.index(b)] = args[s.index(a)];
        args[s.index(aPos(a))] = 1;
        args[s.index(aPos(b))] = 2;
        invoke(s, args);
      }));
    }
    return tests;
  }

  private static String aPos(String array) {
    return array + "Pos";
  }

  // ---- the faults ----

  private static List<Fault> faults(Signature s) {
    List<Fault> faults = new ArrayList<>();
    int size = s.size();
    int arrayLength = s.arrayLength();

    for (String array : s.arrays()) {
      faults.add(new Fault(array + " = null", args -> args[s.index(array)] = null,
          NullPointerException.class, List.of(array)));
    }

    for (String param : s.params()) {
      Kind kind = s.kind(param);
      if (kind == Kind.POSITION) {
        for (int bad : new int[] {-1, arrayLength - size + 1, Integer.MAX_VALUE}) {
          faults.add(new Fault(param + " = " + bad, args -> args[s.index(param)] = bad,
              IndexOutOfBoundsException.class, List.of()));
        }
      } else if (kind == Kind.LENGTH) {
        for (int bad : new int[] {-1, arrayLength + 1, Integer.MAX_VALUE}) {
          faults.add(new Fault("length = " + bad, args -> args[s.index(param)] = bad,
              IndexOutOfBoundsException.class, List.of()));
        }
      } else if (kind == Kind.PARAMETER) {
        for (float bad : new float[] {
          Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY
        }) {
          faults.add(new Fault(param + " = " + bad, args -> args[s.index(param)] = bad,
              IllegalArgumentException.class, List.of(param)));
        }
      }
    }

    if (!s.positioned()) {
      // whole-array forms: one array of the wrong length; the message names both lengths
      int wrong = s.matrix() ? size + 1 : size + 2;
      for (String array : s.arrays()) {
        faults.add(new Fault(array + ".length = " + wrong + ", the others " + size,
            args -> args[s.index(array)] = pattern(wrong, 99),
            IllegalArgumentException.class, List.of(String.valueOf(size), String.valueOf(wrong))));
      }
    }

    if (s.matrix()) {
      faults.add(new Fault("rows = -1", args -> args[s.index("rows")] = -1,
          IllegalArgumentException.class, List.of("-1")));
      faults.add(new Fault("cols = -1", args -> args[s.index("cols")] = -1,
          IllegalArgumentException.class, List.of("-1")));
      faults.add(new Fault("rows * cols = 65536 * 65536 overflows int", args -> {
        args[s.index("rows")] = 65536;
        args[s.index("cols")] = 65536;
      }, IllegalArgumentException.class, List.of("65536")));
      faults.add(new Fault("rows * cols = 2147483647 * 2 overflows int", args -> {
        args[s.index("rows")] = Integer.MAX_VALUE;
        args[s.index("cols")] = 2;
      }, IllegalArgumentException.class, List.of("2147483647")));
      if (s.positioned()) {
        // a 3 x 3 matrix does not fit the 9-element arrays at positions 1 and 2
        faults.add(new Fault("rows = 3, the matrix does not fit its array",
            args -> args[s.index("rows")] = 3,
            IndexOutOfBoundsException.class, List.of()));
      }
    }

    if (s.positioned()) {
      for (String out : s.outputs()) {
        for (String in : s.inputs()) {
          faults.add(new Fault(out + " partially overlaps " + in, args -> {
            args[s.index(out)] = args[s.index(in)];
            args[s.index(aPos(in))] = 1;
            args[s.index(aPos(out))] = 2;
          }, IllegalArgumentException.class, List.of(in, out)));
        }
      }
    }
    return faults;
  }

  private static DynamicTest rejects(Signature s, Fault fault) {
    String name = fault.description() + " throws " + fault.exception().getSimpleName();
    return dynamicTest(name, () -> {
      Object[] args = s.validArguments();
      fault.change().accept(args);
      Map<float[], float[]> before = snapshot(args);

      RuntimeException thrown = null;
      try {
        invoke(s, args);
      } catch (RuntimeException e) {
        thrown = e;
      }

      if (thrown == null || !fault.exception().isInstance(thrown)) {
        throw new AssertionError(
            s + " with " + fault.description() + ": expected "
                + fault.exception().getSimpleName() + ", got " + thrown, thrown);
      }
      String context = s + " with " + fault.description();
      for (String word : fault.words()) {
        assertMentions(context, thrown.getMessage(), word);
      }
      before.forEach((array, copy) -> assertArrayEquals(
          copy, array, context + ": an array was written before the check failed"));
    });
  }

  private static Map<float[], float[]> snapshot(Object[] args) {
    Map<float[], float[]> copies = new IdentityHashMap<>();
    for (Object arg : args) {
      if (arg instanceof float[] array) {
        copies.put(array, array.clone());
      }
    }
    return copies;
  }

  /** {@code word} appears in the message as a whole word: "x" is not found in "dx". */
  private static void assertMentions(String context, String message, String word) {
    assertTrue(message != null, context + ": the exception has no message");
    Pattern whole =
        Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])");
    assertTrue(whole.matcher(message).find(),
        () -> context + ": the message should mention " + word + ": " + message);
  }

  private static void invoke(Signature s, Object[] args) {
    try {
      s.method().invoke(null, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      fail(e.getCause());
    } catch (IllegalAccessException e) {
      fail(e);
    }
  }
}
