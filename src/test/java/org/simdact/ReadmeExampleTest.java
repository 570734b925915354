package org.simdact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's usage example compiles against the library and runs. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README.md has no ```java block");
    Path source = dir.resolve("Example.java");
    Files.writeString(source, block.group(1));

    Path bin = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
    String classPath = System.getProperty("java.class.path");
    run(List.of(bin.resolve("javac").toString(), "-d", dir.toString(), "-cp", classPath,
        source.toString()));

    List<String> printed = run(List.of(bin.resolve("java").toString(),
        "--add-modules", "jdk.incubator.vector",
        "-cp", dir + File.pathSeparator + classPath, "Example"));
    assertEquals("vector, ", printed.get(printed.size() - 1).substring(0, 8), printed.toString());
  }

  /** Runs a JDK tool, asserts it succeeded and returns its standard output's lines. */
  private static List<String> run(List<String> command) throws Exception {
    List<String> full = new ArrayList<>(command);
    Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + " failed:\n" + out);
    assertTrue(!out.isBlank() || command.get(0).endsWith("javac"), "no output from " + command);
    return out.lines().toList();
  }
}
