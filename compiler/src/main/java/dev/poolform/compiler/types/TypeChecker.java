package dev.poolform.compiler.types;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.stdlib.functions.Builtin;
import dev.poolform.stdlib.functions.Builtins;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers expression types before evaluation and reports what is wrong whatever the values: an
 * operator on operand types it is not defined for (E0307), a condition or loop over the wrong type
 * (E0301), {@code external} outside {@code capacity.desired} (E0306), a call with the wrong number
 * of arguments (E0305), and an attribute whose type is known not to fit its schema (E0301). This
 * also covers code that evaluation never reaches ({@code if false}, loops over empty lists).
 *
 * <p>It is conservative: a type it cannot know is {@code any} and passes. Evaluation reports the
 * same problems at the same spans; the compiler keeps one diagnostic per code and span.
 */
public final class TypeChecker {
  private final DiagnosticSink sink;
  private final Map<String, Decl> globals = new HashMap<>();
  private final IdentityHashMap<Decl, Type> letTypes = new IdentityHashMap<>();
  private final IdentityHashMap<Decl, Boolean> busy = new IdentityHashMap<>();

  private TypeChecker(DiagnosticSink sink) {
    this.sink = sink;
  }

  public static void check(Program program, DiagnosticSink sink) {
    new TypeChecker(sink).run(program);
  }

  /** A scope: names to their static types (lazily, for lets). */
  private final class Scope {
    final Scope parent;
    final Map<String, Object> names = new HashMap<>(); // Type, or Decl.Let

    Scope(Scope parent) {
      this.parent = parent;
    }

    Type lookup(String n) {
      for (Scope s = this; s != null; s = s.parent) {
        Object o = s.names.get(n);
        if (o instanceof Type t) return t;
        if (o instanceof Decl.Let l) return letType(l, s);
      }
      Decl g = globals.get(n);
      if (g instanceof Decl.Let l) return letType(l, null);
      if (g instanceof Decl.Cloud c) return new Type.CloudOf(c.kind().name());
      return Type.ANY;
    }
  }

  private Type letType(Decl.Let l, Scope scope) {
    Type t = letTypes.get(l);
    if (t != null) return t;
    if (busy.containsKey(l)) return Type.ANY; // a cycle, reported by resolution
    busy.put(l, true);
    t = type(l.value(), scope == null ? new Scope(null) : scope, false);
    busy.remove(l);
    letTypes.put(l, t);
    return t;
  }

  private void run(Program program) {
    for (SourceUnit u : program.all()) {
      for (Decl d : u.decls()) {
        if (d instanceof Decl.Let l) globals.putIfAbsent(l.name().name(), l);
        else if (d instanceof Decl.Cloud c) globals.putIfAbsent(c.name().name(), c);
      }
    }
    Scope top = new Scope(null);
    for (SourceUnit u : program.all()) decls(u.decls(), top);
  }

  private void decls(List<Decl> ds, Scope scope) {
    for (Decl d : ds) {
      if (d instanceof Decl.Let l && scope.parent != null)
        scope.names.putIfAbsent(l.name().name(), l);
    }
    for (Decl d : ds) {
      if (d instanceof Decl.Let l) {
        if (scope.parent == null) letType(l, null);
        else letType(l, scope);
      } else if (d instanceof Decl.Cloud c) {
        body(c.body(), scope, Schemas.cloud(c.kind().name()).orElse(null), "", false);
      } else if (d instanceof Decl.Template t) {
        body(t.body(), scope, Schemas.PORTABLE_POOL, "", true);
      } else if (d instanceof Decl.Pool p) {
        type(p.name(), scope, false);
        type(p.on(), scope, false);
        BlockSchema schema = Schemas.PORTABLE_POOL;
        if (type(p.on(), scope, false) instanceof Type.CloudOf c
            && Schemas.machine(c.kind()).isPresent()) {
          schema = Schemas.pool(c.kind());
        }
        body(p.body(), scope, schema, "", true);
      } else if (d instanceof Decl.For f) {
        Type it = type(f.iterable(), scope, false);
        Type key = Type.ANY;
        Type val = Type.ANY;
        if (it instanceof Type.ListOf l) {
          key = Type.INT;
          val = l.element();
        } else if (it instanceof Type.MapOf m) {
          key = Type.STRING;
          val = m.element();
        } else if (concrete(it)) {
          sink.report(
              Diagnostic.of(
                  Code.E0301,
                  f.iterable().span(),
                  "Expected a list or a map to loop over, found " + it.display() + "."));
        }
        Scope inner = new Scope(scope);
        Type k = key;
        f.key().ifPresent(i -> inner.names.put(i.name(), k));
        inner.names.put(f.value().name(), val);
        decls(f.body(), inner);
      } else if (d instanceof Decl.If i) {
        Type c = type(i.condition(), scope, false);
        if (concrete(c) && c != Type.BOOL) {
          sink.report(
              Diagnostic.of(
                  Code.E0301,
                  i.condition().span(),
                  "Expected bool, found "
                      + c.display()
                      + "; an `if` condition must be true or false."));
        }
        decls(i.then(), new Scope(scope));
        decls(i.otherwise(), new Scope(scope));
      }
    }
  }

  /** Checks a body's attribute types against its schema where both are known. */
  private void body(Body b, Scope scope, BlockSchema schema, String path, boolean poolBody) {
    for (BodyItem item : b.items()) {
      String n = item.name().name();
      if (item instanceof BodyItem.Attribute a) {
        boolean ext = poolBody && path.equals("capacity") && n.equals("desired");
        Type t = type(a.value(), scope, ext);
        AttrSchema as = schema == null ? null : schema.attribute(n).orElse(null);
        if (as != null && concrete(t) && t != Type.NULL && !Types.assignable(t, as.type())) {
          String full = path.isEmpty() ? n : path + "." + n;
          sink.report(
              Diagnostic.of(
                  Code.E0301,
                  a.value().span(),
                  "Expected "
                      + as.type().display()
                      + " for `"
                      + full
                      + "`, found "
                      + t.display()
                      + "."));
        }
      } else {
        BodyItem.Block bl = (BodyItem.Block) item;
        BlockSchema nested = schema == null ? null : schema.block(n).orElse(null);
        body(bl.body(), scope, nested, path.isEmpty() ? n : path + "." + n, poolBody);
      }
    }
  }

  /** A type with nothing unknown in it. */
  private static boolean concrete(Type t) {
    if (t == Type.ANY || t instanceof Type.Union) return false;
    if (t instanceof Type.ListOf l) return concrete(l.element());
    if (t instanceof Type.MapOf m) return concrete(m.element());
    return true;
  }

  private Type type(Expr e, Scope scope, boolean externalOk) {
    if (e instanceof Expr.Literal l) {
      return switch (l.kind()) {
        case INT -> Type.INT;
        case NUMBER -> Type.NUMBER;
        case BOOL -> Type.BOOL;
        case NULL -> Type.NULL;
        case DURATION -> Type.DURATION;
        case PERCENT -> Type.PERCENT;
        case BYTES -> Type.BYTES;
        case EXTERNAL -> {
          if (!externalOk) {
            sink.report(
                Diagnostic.of(
                        Code.E0306,
                        l.span(),
                        "`external` is allowed only as the value of" + " `capacity.desired`.")
                    .withHelp(
                        "Write `capacity { desired = external }` to let an autoscaler own"
                            + " the machine count."));
            yield Type.ANY; // reported; nothing further about it
          }
          yield Type.EXTERNAL;
        }
      };
    }
    if (e instanceof StringExpr s) {
      for (StringPart p : s.parts()) {
        if (p instanceof StringPart.Interpolation i) {
          Type t = type(i.expr(), scope, false);
          if (t instanceof Type.ListOf || t instanceof Type.MapOf || t == Type.NULL) {
            sink.report(
                Diagnostic.of(
                        Code.E0301,
                        i.expr().span(),
                        "Expected a string or simple value in `${...}`,"
                            + " found "
                            + t.display()
                            + ".")
                    .withHelp(
                        t instanceof Type.ListOf
                            ? "Use `join(\", \", list)` to make text of a list."
                            : null));
          }
        }
      }
      return Type.STRING;
    }
    if (e instanceof Expr.Name n) return scope.lookup(n.name());
    if (e instanceof Expr.Paren p) return type(p.inner(), scope, externalOk);
    if (e instanceof Expr.ListExpr l) {
      Type common = null;
      for (Expr x : l.items()) common = join(common, type(x, scope, false));
      return Type.listOf(common == null ? Type.ANY : common);
    }
    if (e instanceof Expr.MapExpr m) {
      Type common = null;
      for (MapEntry x : m.entries()) {
        if (!x.bareKey()) type(x.key(), scope, false);
        common = join(common, type(x.value(), scope, false));
      }
      return Type.mapOf(common == null ? Type.ANY : common);
    }
    if (e instanceof Expr.Member m) {
      Type t = type(m.target(), scope, false);
      if (t instanceof Type.MapOf mt) return mt.element();
      if (t instanceof Type.CloudOf c) {
        String f = m.name().name();
        if (f.equals("name") || f.equals("kind")) return Type.STRING;
        return Schemas.cloud(c.kind())
            .flatMap(s -> s.attribute(f))
            .map(AttrSchema::type)
            .orElse(Type.ANY);
      }
      return Type.ANY;
    }
    if (e instanceof Expr.Index i) {
      Type t = type(i.target(), scope, false);
      type(i.index(), scope, false);
      if (t instanceof Type.ListOf l) return l.element();
      if (t instanceof Type.MapOf m) return m.element();
      return Type.ANY;
    }
    if (e instanceof Expr.Call c) {
      List<Type> args = new java.util.ArrayList<>(c.args().size());
      for (Expr a : c.args()) args.add(type(a, scope, false));
      Builtin fn = Builtins.lookup(c.function().name()).orElse(null);
      if (fn == null) return Type.ANY;
      int n = c.args().size();
      if (n < fn.minArgs() || n > fn.maxArgs()) {
        sink.report(
            Diagnostic.of(
                Code.E0305,
                c.span(),
                "`"
                    + fn.name()
                    + "` takes "
                    + fn.arity()
                    + ", got "
                    + n
                    + "; expected `"
                    + fn.signature()
                    + "`."));
        return fn.result();
      }
      for (int i = 0; i < n; i++) {
        Type t = args.get(i);
        if (concrete(t) && !Types.assignable(t, fn.param(i))) {
          sink.report(
              Diagnostic.of(
                  Code.E0305,
                  c.args().get(i).span(),
                  "Argument "
                      + (i + 1)
                      + " of `"
                      + fn.name()
                      + "` must be "
                      + fn.param(i).display()
                      + ", found "
                      + t.display()
                      + "; expected `"
                      + fn.signature()
                      + "`."));
          break;
        }
      }
      return fn.result();
    }
    if (e instanceof Expr.Unary u) {
      Type t = type(u.operand(), scope, false);
      Value sample = sample(t);
      if (sample == null) return Type.ANY;
      OpResult r = Operators.unary(u.op(), sample);
      if (r instanceof OpResult.Failure err && err.code() == Code.E0307) {
        sink.report(Diagnostic.of(Code.E0307, u.span(), err.message()));
        return Type.ANY;
      }
      return r instanceof OpResult.Ok ok ? Types.of(ok.value()) : Type.ANY;
    }
    if (e instanceof Expr.Binary b) {
      Type l = type(b.left(), scope, false);
      Type r = type(b.right(), scope, false);
      Value a = sample(l);
      Value c = sample(r);
      if (a == null || c == null) {
        return switch (b.op()) {
          case EQ, NE, LT, LE, GT, GE, AND, OR -> Type.BOOL;
          default -> Type.ANY;
        };
      }
      OpResult res = Operators.binary(b.op(), a, c);
      if (res instanceof OpResult.Failure err && err.code() == Code.E0307) {
        String msg =
            b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR
                ? "Operator `"
                    + b.op().symbol
                    + "` is not defined for "
                    + (l == Type.BOOL ? r : l).display()
                    + "; it needs bool operands."
                : err.message();
        sink.report(Diagnostic.of(Code.E0307, b.span(), msg));
        return Type.ANY;
      }
      return res instanceof OpResult.Ok ok ? Types.of(ok.value()) : Type.ANY;
    }
    if (e instanceof Expr.Conditional c) {
      Type cond = type(c.condition(), scope, false);
      if (concrete(cond) && cond != Type.BOOL) {
        sink.report(
            Diagnostic.of(
                Code.E0301,
                c.condition().span(),
                "Expected bool, found "
                    + cond.display()
                    + "; the condition of `? :` must be true or false."));
      }
      Type t = type(c.then(), scope, externalOk);
      Type o = type(c.otherwise(), scope, externalOk);
      return t.equals(o) ? t : Type.ANY;
    }
    return Type.ANY;
  }

  private static Type join(Type a, Type b) {
    if (a == null) return b;
    if (a.equals(b)) return a;
    if (Types.assignable(a, b) && b == Type.NUMBER) return b;
    if (Types.assignable(b, a) && a == Type.NUMBER) return a;
    return Type.ANY;
  }

  /**
   * A value of a primitive type, to ask {@link Operators} whether an operator is defined; else
   * null.
   */
  private static Value sample(Type t) {
    if (t == Type.INT) return new IntValue(3);
    if (t == Type.NUMBER) return new NumberValue(1.5);
    if (t == Type.STRING) return new StringValue("s");
    if (t == Type.BOOL) return BoolValue.TRUE;
    if (t == Type.DURATION) return new DurationValue(1000);
    if (t == Type.PERCENT) return new PercentValue(10);
    if (t == Type.BYTES) return new BytesValue(1024);
    if (t == Type.NULL) return NullValue.INSTANCE;
    return null;
  }
}
