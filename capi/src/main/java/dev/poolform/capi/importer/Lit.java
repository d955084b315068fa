package dev.poolform.capi.importer;

import dev.poolform.stdlib.value.Literals;
import java.util.List;
import java.util.Map;

/** Source text for literals of the {@code .pool} language (docs/language.md#literals). */
final class Lit {
  private Lit() {}

  static String str(String s) {
    return Literals.quote(s);
  }

  static String list(List<String> items) {
    return "[" + String.join(", ", items.stream().map(Lit::str).toList()) + "]";
  }

  /** A map literal, one entry per line. */
  static String map(Map<String, String> m) {
    if (m.isEmpty()) return "{}";
    StringBuilder sb = new StringBuilder("{\n");
    m.forEach((k, v) -> sb.append("  ").append(key(k)).append(" = ").append(str(v)).append('\n'));
    return sb.append('}').toString();
  }

  static String key(String k) {
    return Literals.key(k);
  }

  static boolean isIdent(String s) {
    return Literals.isIdentifier(s);
  }

  static String integer(long n) {
    return Long.toString(n);
  }

  static String seconds(long s) {
    return Literals.formatDuration(s * 1000);
  }

  static String percent(long p) {
    return Literals.formatPercent((double) p);
  }

  static String gib(long n) {
    return n + "GiB";
  }

  /** A decimal in canonical text ("0.05"), or empty when the text is not a plain number. */
  static java.util.Optional<String> number(String text) {
    try {
      return java.util.Optional.of(Literals.formatNumber(Literals.parseNumber(text.strip())));
    } catch (Literals.LiteralFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code 25} or {@code 25%} from Kubernetes' IntOrString; empty when neither. */
  static java.util.Optional<String> intOrPercent(Tracked t) {
    var n = t.integer();
    if (n.isPresent()) return java.util.Optional.of(integer(n.getAsLong()));
    var s = t.raw().isTextual() ? t.raw().asText().strip() : "";
    try {
      double p = Literals.parsePercent(s);
      // Kubernetes' IntOrString takes whole percentages only.
      if (p < 0 || p != Math.rint(p)) return java.util.Optional.empty();
      t.consume();
      return java.util.Optional.of(Literals.formatPercent(p));
    } catch (Literals.LiteralFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
