package org.simdact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simdact.probe.ActivationsProbe;

/**
 * Which kernels a JVM gets, what it logs, and that the fallback gives the same bits: each test
 * starts a separate JVM (the same java as this one) running {@link ActivationsProbe}, with or
 * without the Vector API module, and compares its results with this JVM's.
 *
 * <p>System.Logger goes to java.util.logging by default, whose console handler writes two lines
 * per record to stderr: the source, then "LEVEL: message".
 */
class ImplementationChoiceTest {

  private static final String ADD_VECTOR_MODULE = "--add-modules jdk.incubator.vector";

  /** What the launcher itself prints whenever an incubator module is resolved. */
  private static final String INCUBATOR_NOTICE =
      "WARNING: Using incubator modules: jdk.incubator.vector";

  @TempDir Path temp;

  private record Run(int exitCode, List<String> out, List<String> err) {

    String value(String key) {
      return out.stream()
          .filter(line -> line.startsWith(key + ": "))
          .map(line -> line.substring(key.length() + 2))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no line " + key + " in " + this));
    }

    List<String> results() {
      return out.stream().filter(line -> line.matches("(sigmoid|tanh|softmax):.*")).toList();
    }

    /** Log lines of this level, without the launcher's notice about incubator modules. */
    List<String> logLines(String level) {
      return err.stream()
          .filter(line -> line.startsWith(level + ": "))
          .filter(line -> !line.equals(INCUBATOR_NOTICE))
          .toList();
    }

    @Override
    public String toString() {
      return "exit code " + exitCode + "\nstdout:\n" + String.join("\n", out) + "\nstderr:\n"
          + String.join("\n", err);
    }
  }

  @Test
  void withoutTheVectorModuleTheScalarKernelsGiveTheSameBitsAndOneWarningNamesTheFlag()
      throws Exception {
    Run run = runProbe(List.of("-cp", classPath()));

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("false", run.value("vectorized"), run::toString);
    String description = run.value("implementation");
    assertTrue(description.startsWith("scalar"), description);
    assertTrue(description.contains(ADD_VECTOR_MODULE), description);

    List<String> warnings = run.logLines("WARNING");
    assertEquals(1, warnings.size(), run::toString);
    assertTrue(warnings.get(0).contains(ADD_VECTOR_MODULE), run::toString);
    assertEquals(List.of(), run.logLines("INFO"), run::toString);

    assertEquals(ActivationsProbe.results(), run.results());
  }

  @Test
  void forcingTheScalarKernelsGivesTheSameBits() throws Exception {
    Run run = runProbe(List.of(
        "--add-modules", "jdk.incubator.vector", "-Dsimdact.forceScalar=true",
        "-cp", classPath()));

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("false", run.value("vectorized"), run::toString);
    assertTrue(run.value("implementation").startsWith("scalar"), run::toString);
    assertTrue(run.value("implementation").contains("simdact.forceScalar"), run::toString);
    assertEquals(1, run.logLines("INFO").size(), run::toString);
    assertEquals(List.of(), run.logLines("WARNING"), run::toString);

    assertEquals(ActivationsProbe.results(), run.results());
  }

  @Test
  void withTheVectorModuleTheVectorKernelsAreUsedAndLoggedOnce() throws Exception {
    Run run = runProbe(List.of("--add-modules", "jdk.incubator.vector", "-cp", classPath()));

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("true", run.value("vectorized"), run::toString);
    assertTrue(run.value("implementation").startsWith("vector"), run::toString);
    List<String> infos = run.logLines("INFO");
    assertEquals(1, infos.size(), run::toString);
    assertTrue(infos.get(0).contains("vector kernels"), run::toString);
    assertEquals(List.of(), run.logLines("WARNING"), run::toString);

    assertEquals(ActivationsProbe.results(), run.results());
  }

  @Test
  void onTheModulePathTheLibraryIsANamedModuleAndUsesTheVectorKernels() throws Exception {
    Run run = runProbe(List.of(
        "--module-path", classesDirectory(Activations.class).toString(),
        "--add-modules", "org.simdact,jdk.incubator.vector",
        "-cp", classesDirectory(ActivationsProbe.class).toString()));

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("org.simdact", run.value("module"), run::toString);
    assertEquals("true", run.value("vectorized"), run::toString);
    assertEquals(List.of(), run.logLines("WARNING"), run::toString);

    assertEquals(ActivationsProbe.results(), run.results());
  }

  @Test
  void onTheModulePathWithoutTheVectorModuleTheLibraryFallsBackToScalar() throws Exception {
    Run run = runProbe(List.of(
        "--module-path", classesDirectory(Activations.class).toString(),
        "--add-modules", "org.simdact",
        "-cp", classesDirectory(ActivationsProbe.class).toString()));

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("org.simdact", run.value("module"), run::toString);
    assertEquals("false", run.value("vectorized"), run::toString);
    List<String> warnings = run.logLines("WARNING");
    assertEquals(1, warnings.size(), run::toString);
    assertTrue(warnings.get(0).contains(ADD_VECTOR_MODULE), run::toString);

    assertEquals(ActivationsProbe.results(), run.results());
  }

  @Test
  void thisJvmComputesTheReferenceResultsWithTheVectorKernels() {
    // the comparisons above are only worth something if this side is vectorized; a CI rerun with
    // -Dsimdact.forceScalar=true makes both sides scalar, which these tests then allow
    if (!Boolean.getBoolean("simdact.forceScalar")) {
      assertTrue(Activations.implementation().vectorized(), Activations.implementation()::toString);
    }
    assertFalse(ActivationsProbe.results().isEmpty());
  }

  private Run runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    // log level names are translated; pin the locale so that "WARNING" and "INFO" can be matched
    command.add("-Duser.language=en");
    command.add("-Duser.country=US");
    command.addAll(jvmArgs);
    command.add(ActivationsProbe.class.getName());

    Path out = temp.resolve("out.txt");
    Path err = temp.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // flags from the environment would change what is being tested
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe JVM did not finish within 60 s: " + command);
    }
    return new Run(
        process.exitValue(),
        Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readAllLines(err, StandardCharsets.UTF_8));
  }

  private static String classPath() {
    return System.getProperty("java.class.path");
  }

  private static Path classesDirectory(Class<?> c) throws URISyntaxException {
    Path location = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(location), c + " was not loaded from a directory: " + location);
    return location;
  }
}
