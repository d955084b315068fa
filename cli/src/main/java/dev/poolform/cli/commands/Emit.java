package dev.poolform.cli.commands;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.json.IrCodec;
import java.util.List;

/**
 * The formats {@code pool compile --emit} knows; the option takes their names in any case. To add
 * one, add a constant and its {@link Emitter} in {@link #emitter()} (one line each).
 */
public enum Emit {
  /** Canonical IR JSON (docs/json.md#ir). */
  IR,
  /** Cluster API manifests, one file per pool (docs/capi.md). */
  CAPI;

  public Emitter emitter() {
    return switch (this) {
      case IR -> (c, targets) -> new Emitter.Result(irJson(c.ir().orElseThrow()), List.of());
      case CAPI -> CapiEmit::emit;
    };
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
