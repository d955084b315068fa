package dev.poolform.compiler.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One snippet of a spec file: the text between two {@code ---} lines (or the file's start or end)
 * with the {@code # expect:} comments in it. A file may hold several snippets; each compiles on its
 * own. Its text keeps the lines above it as empty lines, so every line and column is the one an
 * editor shows for the file.
 */
public record Snippet(Path file, int firstLine, String text, List<Expectation> expectations) {
  /** The line that separates two snippets of one file. */
  static final String SEPARATOR = "---";

  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:(.*)$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*#(.*)$");

  /** {@code e0402_capacity.pool:7}, the file and the line the snippet starts on. */
  public String name() {
    return file.getFileName() + ":" + firstLine;
  }

  /** The snippets of a file, in order. */
  public static List<Snippet> load(Path file) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    List<Snippet> out = new ArrayList<>();
    int start = 0; // offset of the snippet's first character
    int firstLine = 1;
    int line = 1;
    int offset = 0;
    while (offset <= content.length()) {
      int end = content.indexOf('\n', offset);
      int lineEnd = end < 0 ? content.length() : end;
      if (content.substring(offset, lineEnd).equals(SEPARATOR)) {
        out.add(of(file, firstLine, content.substring(start, offset)));
        start = end < 0 ? content.length() : end + 1;
        firstLine = line + 1;
      }
      if (end < 0) break;
      offset = end + 1;
      line++;
    }
    out.add(of(file, firstLine, content.substring(start)));
    return out;
  }

  private static Snippet of(Path file, int firstLine, String body) {
    List<Expectation> expectations = new ArrayList<>();
    String[] lines = body.split("\n", -1);
    Expectation open = null;
    for (int k = 0; k < lines.length; k++) {
      int lineNo = firstLine + k;
      Matcher m = EXPECT.matcher(lines[k]);
      Matcher comment = COMMENT.matcher(lines[k]);
      try {
        if (m.find()) {
          if (open != null) expectations.add(open);
          open = Expectation.parse(m.group(1), lineNo);
        } else if (open != null && comment.matches() && Expectation.isClause(comment.group(1))) {
          open = open.withClauses(comment.group(1));
        } else if (open != null) {
          expectations.add(open);
          open = null;
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file.getFileName() + ":" + lineNo + ": " + e.getMessage(), e);
      }
    }
    if (open != null) expectations.add(open);
    return new Snippet(file, firstLine, "\n".repeat(firstLine - 1) + body, expectations);
  }
}
