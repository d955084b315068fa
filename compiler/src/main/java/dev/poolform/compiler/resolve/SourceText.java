package dev.poolform.compiler.resolve;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The text of a {@code .pool} file: UTF-8, a leading byte order mark dropped. The one rule every
 * command applies: a byte that is not UTF-8, wherever it is (a comment too), is E0105 at its place.
 * The text still reads on, with U+FFFD in its place, so syntax errors after it are found as well;
 * {@code pool fmt} leaves such a file alone.
 *
 * @param malformedAt the offset in {@code text} of the first byte that is not UTF-8, if any
 */
public record SourceText(String text, OptionalInt malformedAt) {

  public static SourceText decode(byte[] bytes) {
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // UTF-8 never decodes to more chars than it has bytes.
    CharBuffer prefix = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = strict.decode(ByteBuffer.wrap(bytes), prefix, true);
    // new String replaces each malformed sequence with U+FFFD.
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean bom = text.startsWith("\uFEFF");
    if (bom) text = text.substring(1);
    OptionalInt at =
        r.isError() ? OptionalInt.of(prefix.position() - (bom ? 1 : 0)) : OptionalInt.empty();
    return new SourceText(text, at);
  }

  /** E0105 at the first byte that is not UTF-8, in {@code file} (which holds {@link #text}). */
  public Optional<Diagnostic> error(SourceFile file) {
    if (malformedAt.isEmpty()) return Optional.empty();
    int at = malformedAt.getAsInt();
    return Optional.of(
        Diagnostic.of(
                Code.E0105,
                new Span(file, at, at + 1),
                "This byte is not UTF-8; `.pool` files are UTF-8 throughout, comments included.")
            .withHelp(
                "Save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or remove the"
                    + " character."));
  }
}
