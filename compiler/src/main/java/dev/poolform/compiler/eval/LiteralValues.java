package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.types.TypeErrors;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.Value;

/**
 * The value of a literal. The parser already decoded its text; only {@code external} can fail,
 * because it is a value in one place only.
 */
final class LiteralValues {
  private final DiagnosticSink sink;

  LiteralValues(DiagnosticSink sink) {
    this.sink = sink;
  }

  Value of(Expr.Literal l, boolean externalOk) {
    Object v = l.value();
    switch (l.kind()) {
      case INT:
        return new IntValue(((Number) v).longValue());
      case NUMBER:
        return new NumberValue(((Number) v).doubleValue());
      case BOOL:
        return BoolValue.of(Boolean.TRUE.equals(v));
      case NULL:
        return NullValue.INSTANCE;
      case EXTERNAL:
        if (externalOk) return ExternalValue.INSTANCE;
        sink.report(TypeErrors.externalOutsideDesired(l.span()));
        return null;
      case DURATION:
        return new DurationValue(((Number) v).longValue());
      case PERCENT:
        return new PercentValue(((Number) v).doubleValue());
      case BYTES:
        return new BytesValue(((Number) v).longValue());
      default:
        return null;
    }
  }
}
