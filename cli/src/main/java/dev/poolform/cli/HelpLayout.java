package dev.poolform.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How help reads, for every command at once: descriptions and footers are written in the
 * annotations as source lines, and are joined here into paragraphs that picocli wraps at the
 * terminal's width (an empty line in the annotation separates paragraphs), so no sentence breaks
 * where the source line did. {@code pool --help} lists each command with the first sentence of its
 * description, whole. A nested command without exit statuses of its own shows its parent's, not the
 * root's.
 */
final class HelpLayout {
  private HelpLayout() {}

  /** Narrowest layout we lay out for: below it picocli's own minimum applies. */
  private static final int MIN_WIDTH = 55;

  static void apply(CommandLine root, Map<String, String> env) {
    widthFrom(root, env);
    layout(root, root.getCommandSpec().usageMessage().footer());
  }

  /** {@code COLUMNS} when the shell exports it, else picocli's detection of the terminal. */
  private static void widthFrom(CommandLine root, Map<String, String> env) {
    try {
      int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").strip());
      if (columns >= MIN_WIDTH) {
        root.setUsageHelpWidth(columns);
        return;
      }
    } catch (NumberFormatException e) {
      // not set or not a number: ask the terminal
    }
    root.setUsageHelpAutoWidth(true);
  }

  private static void layout(CommandLine cmd, String[] rootFooter) {
    UsageMessageSpec u = cmd.getCommandSpec().usageMessage();
    u.description(paragraphs(u.description()));
    if (cmd.getParent() != null && Arrays.equals(u.footer(), rootFooter)) {
      CommandLine p = cmd.getParent();
      while (p.getParent() != null
          && Arrays.equals(p.getCommandSpec().usageMessage().footer(), rootFooter))
        p = p.getParent();
      if (p.getParent() != null) u.footer(p.getCommandSpec().usageMessage().footer());
    }
    u.footer(paragraphs(u.footer()));
    cmd.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    for (CommandLine sub : cmd.getSubcommands().values()) layout(sub, rootFooter);
  }

  /** Source lines joined into paragraphs; empty lines stay, as the breaks between them. */
  static String[] paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder p = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        if (p.length() > 0) out.add(p.toString());
        p.setLength(0);
        out.add(line);
        continue;
      }
      if (p.length() > 0) p.append(' ');
      p.append(line.strip());
    }
    if (p.length() > 0) out.add(p.toString());
    return out.toArray(String[]::new);
  }

  /** A sentence's end: a full stop, then a capital; "e.g. E0402" is not one. */
  private static final Pattern SENTENCE_END = Pattern.compile("(?<!e\\.g|i\\.e)\\.\\s+(?=[A-Z`])");

  /** The first sentence of a description, whole. */
  static String summary(String[] description) {
    String all = String.join(" ", paragraphs(description)).strip();
    Matcher m = SENTENCE_END.matcher(all);
    return m.find() ? all.substring(0, m.start() + 1) : all;
  }

  /** Each command's name and its summary, wrapped in the column beside the names. */
  private static String commandList(CommandLine.Help help) {
    Map<String, CommandLine.Help> subs = help.subcommands();
    if (subs.isEmpty()) return "";
    int nameWidth = 0;
    for (String name : subs.keySet()) nameWidth = Math.max(nameWidth, name.length());
    int width = help.commandSpec().usageMessage().width();
    int indent = 2 + nameWidth + 2;
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
      String text = summary(e.getValue().commandSpec().usageMessage().description());
      List<String> lines = wrap(text, Math.max(20, width - indent));
      sb.append("  ").append(e.getKey()).append(" ".repeat(nameWidth - e.getKey().length() + 2));
      sb.append(lines.isEmpty() ? "" : lines.get(0)).append(System.lineSeparator());
      for (String l : lines.subList(Math.min(1, lines.size()), lines.size()))
        sb.append(" ".repeat(indent)).append(l).append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** Greedy word wrap; a word longer than the width stands on its own line. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+", -1)) {
      if (word.isEmpty()) continue;
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    if (line.length() > 0) lines.add(line.toString());
    return lines;
  }
}
