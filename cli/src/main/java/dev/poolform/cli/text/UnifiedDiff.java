package dev.poolform.cli.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} layout, three lines of context) between two texts, as {@code pool
 * fmt --diff} prints it. Common head and tail are trimmed first and the rest is aligned by a
 * longest-common-subsequence table; when that table would be too big (huge, wholly different
 * files), the changed middle is shown as one replacement, still a correct diff.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  private static final long MAX_TABLE = 4_000_000L;

  private UnifiedDiff() {}

  private record Op(char kind, String line, int oldBefore, int newBefore) {}

  /** The diff, or the empty string when the texts are equal. */
  public static String diff(String oldName, String newName, String oldText, String newText) {
    if (oldText.equals(newText)) return "";
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    List<Op> ops = align(a, b);
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
    int n = ops.size();
    int i = 0;
    while (i < n) {
      if (ops.get(i).kind() == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int lastChange = i;
      int k = i;
      while (k < n) {
        if (ops.get(k).kind() != ' ') {
          lastChange = k++;
          continue;
        }
        int r = k;
        while (r < n && ops.get(r).kind() == ' ') r++;
        if (r < n && r - k <= 2 * CONTEXT) {
          k = r;
          continue;
        }
        break;
      }
      int end = Math.min(n, lastChange + 1 + CONTEXT);
      hunk(sb, ops.subList(start, end));
      i = end;
    }
    return sb.toString();
  }

  private static void hunk(StringBuilder sb, List<Op> ops) {
    int oldCount = 0;
    int newCount = 0;
    for (Op op : ops) {
      if (op.kind() != '+') oldCount++;
      if (op.kind() != '-') newCount++;
    }
    Op first = ops.get(0);
    int oldStart = oldCount == 0 ? first.oldBefore() : first.oldBefore() + 1;
    int newStart = newCount == 0 ? first.newBefore() : first.newBefore() + 1;
    sb.append("@@ -")
        .append(range(oldStart, oldCount))
        .append(" +")
        .append(range(newStart, newCount))
        .append(" @@\n");
    for (Op op : ops) {
      sb.append(op.kind());
      if (op.line().endsWith("\n")) {
        sb.append(op.line());
      } else {
        sb.append(op.line()).append("\n\\ No newline at end of file\n");
      }
    }
  }

  private static String range(int start, int count) {
    return count == 1 ? Integer.toString(start) : start + "," + count;
  }

  /** Lines with their terminators, so a missing final newline is a difference too. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < text.length()) out.add(text.substring(from));
    return out;
  }

  private static List<Op> align(List<String> a, List<String> b) {
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<Character> kinds = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < head; i++) {
      kinds.add(' ');
      texts.add(a.get(i));
    }
    List<String> ma = a.subList(head, a.size() - tail);
    List<String> mb = b.subList(head, b.size() - tail);
    if ((long) ma.size() * mb.size() > MAX_TABLE) {
      ma.forEach(
          l -> {
            kinds.add('-');
            texts.add(l);
          });
      mb.forEach(
          l -> {
            kinds.add('+');
            texts.add(l);
          });
    } else {
      lcs(ma, mb, kinds, texts);
    }
    for (int i = a.size() - tail; i < a.size(); i++) {
      kinds.add(' ');
      texts.add(a.get(i));
    }
    List<Op> ops = new ArrayList<>(kinds.size());
    int oldBefore = 0;
    int newBefore = 0;
    for (int i = 0; i < kinds.size(); i++) {
      char k = kinds.get(i);
      ops.add(new Op(k, texts.get(i), oldBefore, newBefore));
      if (k != '+') oldBefore++;
      if (k != '-') newBefore++;
    }
    return ops;
  }

  private static void lcs(
      List<String> a, List<String> b, List<Character> kinds, List<String> texts) {
    int n = a.size();
    int m = b.size();
    int[][] t = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        t[i][j] =
            a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        kinds.add(' ');
        texts.add(a.get(i));
        i++;
        j++;
      } else if (j < m && (i == n || t[i][j + 1] >= t[i + 1][j])) {
        // Deletions before insertions within a change, as diff -u shows them.
        if (i < n && t[i + 1][j] == t[i][j + 1]) {
          kinds.add('-');
          texts.add(a.get(i++));
        } else {
          kinds.add('+');
          texts.add(b.get(j++));
        }
      } else {
        kinds.add('-');
        texts.add(a.get(i++));
      }
    }
  }
}
