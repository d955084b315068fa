package dev.poolform.compiler.golden;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.render.Explanations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples of the {@code pool explain} texts ({@code compiler/src/main/resources/explain/
 * <CODE>.md}) as golden inputs, so that each example is written once, in its explanation. An
 * example is the {@code ```pool} blocks of the text's {@code ## Example} section: one block is
 * {@code main.pool}; an example of several files starts each block with a comment naming its file
 * ({@code # shared/templates.pool}), the first being {@code main.pool}, the file compiled. A block
 * named {@code # main.poolvars} gives variables values: the file is loaded beside {@code
 * main.pool}.
 */
final class ExplainExamples {
  private ExplainExamples() {}

  /**
   * Codes that compiling an example cannot produce: E0100 has no valid trigger, E0410, W0503 and
   * W0504 come from {@code pool compile --emit capi}, E06xx from the clouds during plan and apply.
   * Their examples must compile without errors.
   */
  static final Set<Code> NOT_FROM_COMPILE =
      EnumSet.of(Code.E0100, Code.E0410, Code.W0503, Code.W0504, Code.E0601, Code.E0602);

  /** The entry file of every example. */
  static final String ENTRY = "main.pool";

  private static final Pattern BLOCK = Pattern.compile("```pool\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern FILE_NAME =
      Pattern.compile("# ([A-Za-z0-9_./-]+\\.pool(?:vars)?)\\n");

  /** The files of a code's example, by path relative to the example's directory, entry first. */
  static Map<String, String> files(Code code) {
    String text =
        Explanations.of(code)
            .orElseThrow(() -> new AssertionError("no explain/" + code.name() + ".md"));
    int start = text.indexOf("\n## Example\n");
    if (start < 0) throw new AssertionError(code + ": no `## Example` section");
    int end = text.indexOf("\n## ", start + 1);
    String section = text.substring(start, end < 0 ? text.length() : end);
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(section);
    while (m.find()) {
      String body = m.group(1);
      Matcher name = FILE_NAME.matcher(body);
      String path = name.lookingAt() ? name.group(1) : files.isEmpty() ? ENTRY : null;
      if (path == null || path.startsWith("/") || path.contains("..")) {
        throw new AssertionError(
            code + ": every block after the first starts with `# <file>.pool` inside the example");
      }
      if (files.isEmpty() && !path.equals(ENTRY)) {
        throw new AssertionError(code + ": the first block of an example is " + ENTRY);
      }
      if (files.put(path, body) != null) throw new AssertionError(code + ": " + path + " twice");
    }
    if (files.isEmpty()) throw new AssertionError(code + ": no ```pool block in `## Example`");
    return files;
  }

  /** Writes the example of {@code code} into {@code dir}; returns its entry file. */
  static Path write(Code code, Path dir) {
    try {
      for (Map.Entry<String, String> f : files(code).entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve(ENTRY);
  }

  /** Every code's example written under {@code root}, one directory a code; their entry files. */
  static List<Path> writeAll(Path root) {
    List<Path> entries = new ArrayList<>();
    for (Code c : Code.values()) entries.add(write(c, root.resolve(c.name())));
    return entries;
  }
}
