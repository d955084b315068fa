package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.syntax.Comment;
import dev.poolform.compiler.syntax.ParsedFile;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * The meaning of a parsed file without positions: the AST with spans and literal spellings left
 * out, plus the comment texts in order. Two files with the same shape are the same configuration
 * with the same comments, which is what the formatter must preserve.
 */
final class AstShape {
  private AstShape() {}

  /** Record components per class: looking them up is slow and happens for every node. */
  private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected java.lang.reflect.Method[] computeValue(Class<?> type) {
          List<java.lang.reflect.Method> out = new java.util.ArrayList<>();
          for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            if (t == Span.class || t == SourceFile.class) continue;
            if (type == Expr.Literal.class && c.getName().equals("text")) continue;
            out.add(c.getAccessor());
          }
          return out.toArray(new java.lang.reflect.Method[0]);
        }
      };

  static boolean sameMeaning(ParsedFile before, SourceFile formatted) {
    DiagnosticSink sink = new DiagnosticSink();
    ParsedFile after = Parser.parseWithComments(formatted, sink);
    if (sink.hasErrors()) return false;
    return of(before.unit()).equals(of(after.unit()))
        && comments(before.comments()).equals(comments(after.comments()));
  }

  private static List<String> comments(List<Comment> cs) {
    return cs.stream().map(c -> c.text().stripTrailing()).toList();
  }

  static String of(Object node) {
    StringBuilder sb = new StringBuilder();
    walk(node, sb);
    return sb.toString();
  }

  private static void walk(Object o, StringBuilder sb) {
    if (o == null) {
      sb.append("null");
    } else if (o instanceof Span || o instanceof SourceFile) {
      sb.append('_');
    } else if (o instanceof Record r) {
      sb.append(r.getClass().getSimpleName()).append('(');
      for (java.lang.reflect.Method accessor : ACCESSORS.get(r.getClass())) {
        try {
          walk(accessor.invoke(r), sb);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        sb.append(',');
      }
      sb.append(')');
    } else if (o instanceof List<?> l) {
      sb.append('[');
      for (Object x : l) {
        walk(x, sb);
        sb.append(',');
      }
      sb.append(']');
    } else if (o instanceof Optional<?> opt) {
      walk(opt.orElse(null), sb);
    } else if (o instanceof String s) {
      sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else {
      sb.append(o);
    }
  }
}
