package dev.poolform.stdlib.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.stdlib.value.Literals.LiteralFormatException;
import dev.poolform.stdlib.value.Literals.Problem;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The literal codec: what prints parses back to the same value, and bad text says why. */
class LiteralsTest {
  static void refused(Runnable parse, Problem why) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            LiteralFormatException.class, e -> assertThat(e.problem()).isEqualTo(why));
  }

  @Test
  void durations() {
    assertThat(Literals.parseDuration("1h30m")).isEqualTo(5_400_000L);
    assertThat(Literals.parseDuration("1s500ms")).isEqualTo(1500L);
    assertThat(Literals.parseDuration("0s")).isZero();
    assertThat(Literals.parseDuration("2d")).isEqualTo(172_800_000L);
    assertThat(Literals.parseDuration("-5s")).isEqualTo(-5000L);
    refused(() -> Literals.parseDuration("1h30"), Problem.MALFORMED);
    refused(() -> Literals.parseDuration(""), Problem.MALFORMED);
    refused(() -> Literals.parseDuration("5mins"), Problem.MALFORMED);
    refused(() -> Literals.parseDuration("h"), Problem.MALFORMED);
    refused(() -> Literals.parseDuration("30s1m"), Problem.UNIT_ORDER);
    refused(() -> Literals.parseDuration("1m1m"), Problem.UNIT_ORDER);
    refused(() -> Literals.parseDuration("99999999999999999d"), Problem.TOO_LARGE);
    refused(() -> Literals.parseDuration("99999999999999999999ms"), Problem.TOO_LARGE);
  }

  @Test
  void bytes() {
    assertThat(Literals.parseBytes("512MiB")).isEqualTo(512L << 20);
    assertThat(Literals.parseBytes("2GB")).isEqualTo(2_000_000_000L);
    assertThat(Literals.parseBytes("17B")).isEqualTo(17L);
    refused(() -> Literals.parseBytes("12 GiB"), Problem.MALFORMED);
    refused(() -> Literals.parseBytes("GiB"), Problem.MALFORMED);
    refused(() -> Literals.parseBytes("12gib"), Problem.MALFORMED);
    refused(() -> Literals.parseBytes("9999999999TiB"), Problem.TOO_LARGE);
  }

  @Test
  void numbersAndPercentages() {
    assertThat(Literals.parseNumber("0.05")).isEqualTo(0.05);
    assertThat(Literals.parseNumber("1e6")).isEqualTo(1e6);
    assertThat(Literals.parsePercent("25%")).isEqualTo(25.0);
    assertThat(Literals.parsePercent("12.5%")).isEqualTo(12.5);
    assertThat(Literals.formatPercent(25.0)).isEqualTo("25%");
    assertThat(Literals.formatPercent(12.5)).isEqualTo("12.5%");
    refused(() -> Literals.parsePercent("25"), Problem.MALFORMED);
    refused(() -> Literals.parsePercent(" 25%"), Problem.MALFORMED);
    refused(() -> Literals.parsePercent("NaN%"), Problem.MALFORMED);
    refused(() -> Literals.parseNumber("1e999"), Problem.TOO_LARGE);
  }

  /** Every canonical text reads back as the value it was printed from. */
  @Test
  void whatPrintsParses() {
    Random random = new Random(16);
    long[] edges = {0, 1, 999, 1000, 1001, 59_999, 60_000, 3_600_000, 86_400_000, Long.MAX_VALUE};
    for (long v : edges) {
      assertThat(Literals.parseDuration(Literals.formatDuration(v))).isEqualTo(v);
      assertThat(Literals.parseBytes(Literals.formatBytes(v))).isEqualTo(v);
    }
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextLong() >>> random.nextInt(64);
      assertThat(Literals.parseDuration(Literals.formatDuration(v))).isEqualTo(v);
      assertThat(Literals.parseDuration(Literals.formatDuration(-v))).isEqualTo(-v);
      assertThat(Literals.parseBytes(Literals.formatBytes(v))).isEqualTo(v);
      double p = random.nextInt(100_001) / 1000.0;
      assertThat(Literals.parsePercent(Literals.formatPercent(p))).isEqualTo(p);
      double n = random.nextDouble() * Math.pow(10, random.nextInt(30) - 10);
      assertThat(Literals.parseNumber(Literals.formatNumber(n))).isEqualTo(n);
    }
  }

  /**
   * Numbers and names are scanned by hand (no java.util.regex on the compiler's path); the scans
   * must accept exactly what the patterns they implement accept.
   */
  @Test
  void scansAgreeWithThePatternsTheyImplement() {
    Random random = new Random(17);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(9);
      for (int i = 0; i < length; i++) sb.append("01.eE+-x_a9".charAt(random.nextInt(11)));
      String text = sb.toString();
      boolean number = Pattern.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?", text);
      boolean parsed;
      try {
        Literals.parseNumber(text);
        parsed = true;
      } catch (LiteralFormatException e) {
        parsed = e.problem() != Problem.MALFORMED; // 9e999 has the shape, but is too large
      }
      assertThat(parsed).as(text).isEqualTo(number);
      // No keyword can be made of these characters.
      assertThat(Literals.isIdentifier(text))
          .as(text)
          .isEqualTo(Pattern.matches("[A-Za-z_][A-Za-z0-9_]*", text));
    }
  }
}
