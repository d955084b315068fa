package dev.poolform.compiler.diag.render;

import dev.poolform.compiler.diag.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The long explanation of each diagnostic code ({@code pool explain E0402}): what it means, why, an
 * example that triggers it and how to fix it. Texts live in {@code explain/<CODE>.md} resources so
 * writers edit prose, not Java.
 */
public final class Explanations {
  private Explanations() {}

  /** The explanation of a code; empty only if its resource is missing (a test forbids that). */
  public static Optional<String> of(Code code) {
    try (InputStream in =
        Explanations.class.getResourceAsStream("/explain/" + code.name() + ".md")) {
      if (in == null) return Optional.empty();
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A code by name, in any case: {@code e0402}, {@code E0402}. */
  public static Optional<Code> parse(String text) {
    try {
      return Optional.of(Code.valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
