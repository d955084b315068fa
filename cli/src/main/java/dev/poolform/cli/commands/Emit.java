package dev.poolform.cli.commands;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.json.IrCodec;
import java.util.List;

/**
 * The formats {@code pool compile --emit} knows; the option takes their names in any case. To add
 * one, add a constant with its {@link Emitter} (one line).
 */
public enum Emit {
  /** Canonical IR JSON (LANGUAGE.md §8). */
  IR(c -> new Emitter.Result(irJson(c.ir().orElseThrow()), List.of())),
  /** Cluster API manifests, one file per pool (docs/capi.md). */
  CAPI(CapiEmit::emit);

  private final Emitter emitter;

  Emit(Emitter emitter) {
    this.emitter = emitter;
  }

  public Emitter emitter() {
    return emitter;
  }

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Every format's name as users type it, for help and completion. */
  public static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(values()).map(Emit::toString).iterator();
    }
  }

  /** Case-insensitive, with an error that lists the formats in the spelling users type. */
  public static final class Converter implements picocli.CommandLine.ITypeConverter<Emit> {
    @Override
    public Emit convert(String value) {
      for (Emit e : values()) {
        if (e.name().equalsIgnoreCase(value.strip())) return e;
      }
      throw new picocli.CommandLine.TypeConversionException(
          "expected one of " + String.join(", ", new Names()) + " but was '" + value + "'");
    }
  }

  private static String irJson(IrConfig ir) {
    return IrCodec.write(ir);
  }
}
