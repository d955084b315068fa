package dev.poolform.compiler.types;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The static type of an expression, reporting what is wrong whatever the values. Operands are typed
 * left to right like evaluation does, and a type it cannot know is {@code any}, which passes
 * everything.
 */
final class ExprTypes {
  private final DiagnosticSink sink;
  private final Map<String, Decl> globals;
  private final Map<String, Type> variables;
  private final CallTypes calls;
  private final IdentityHashMap<Decl, Type> letTypes = new IdentityHashMap<>();
  private final IdentityHashMap<Decl, Boolean> busy = new IdentityHashMap<>();

  /**
   * @param globals lets and clouds of every file by name (the first declaration of a name wins)
   * @param variables the declared type of each variable
   */
  ExprTypes(DiagnosticSink sink, Map<String, Decl> globals, Map<String, Type> variables) {
    this.sink = sink;
    this.globals = globals;
    this.variables = variables;
    this.calls = new CallTypes(sink);
  }

  /** A let's type, inferred once, in the scope it was declared in (null: global). */
  Type let(Decl.Let l, Scope scope) {
    Type t = letTypes.get(l);
    if (t != null) return t;
    if (busy.containsKey(l)) return Type.ANY; // a cycle, reported by resolution
    busy.put(l, true);
    t = type(l.value(), scope == null ? new Scope(null) : scope, false);
    busy.remove(l);
    letTypes.put(l, t);
    return t;
  }

  /**
   * @param externalOk whether {@code e} stands where the keyword external is allowed ({@code
   *     capacity.desired}); parentheses and both branches of {@code ? :} keep that place
   */
  Type type(Expr e, Scope scope, boolean externalOk) {
    if (e instanceof Expr.Literal l) return literal(l, externalOk);
    if (e instanceof StringExpr s) return string(s, scope);
    if (e instanceof Expr.Name n) return name(n.name(), scope);
    if (e instanceof Expr.Var v) return variables.getOrDefault(v.name().name(), Type.ANY);
    if (e instanceof Expr.Paren p) return type(p.inner(), scope, externalOk);
    if (e instanceof Expr.ListExpr l) return list(l, scope);
    if (e instanceof Expr.MapExpr m) return map(m, scope);
    if (e instanceof Expr.Member m) return member(m, scope);
    if (e instanceof Expr.Index i) return index(i, scope);
    if (e instanceof Expr.Call c) return call(c, scope);
    if (e instanceof Expr.Unary u) return unary(u, scope);
    if (e instanceof Expr.Binary b) return binary(b, scope);
    if (e instanceof Expr.Conditional c) return conditional(c, scope, externalOk);
    return Type.ANY;
  }

  private Type literal(Expr.Literal l, boolean externalOk) {
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
          sink.report(TypeErrors.externalOutsideDesired(l.span()));
          yield Type.ANY; // reported; nothing further about it
        }
        yield Type.EXTERNAL;
      }
    };
  }

  private Type string(StringExpr s, Scope scope) {
    for (StringPart p : s.parts()) {
      if (p instanceof StringPart.Interpolation i) {
        Type t = type(i.expr(), scope, false);
        if (t instanceof Type.ListOf || t instanceof Type.MapOf || t == Type.NULL) {
          sink.report(
              TypeErrors.interpolation(i.expr().span(), t.display(), t instanceof Type.ListOf));
        }
      }
    }
    return Type.STRING;
  }

  /** Innermost scope first, then the globals; a let is typed in the scope that declares it. */
  private Type name(String n, Scope scope) {
    for (Scope s = scope; s != null; s = s.parent) {
      Object o = s.names.get(n);
      if (o instanceof Type t) return t;
      if (o instanceof Decl.Let l) return let(l, s);
    }
    Decl g = globals.get(n);
    if (g instanceof Decl.Let l) return let(l, null);
    if (g instanceof Decl.Cloud c) return new Type.CloudOf(c.kind().name());
    return Type.ANY;
  }

  private Type list(Expr.ListExpr l, Scope scope) {
    Type common = null;
    for (Expr x : l.items()) common = StaticTypes.join(common, type(x, scope, false));
    return Type.listOf(common == null ? Type.ANY : common);
  }

  private Type map(Expr.MapExpr m, Scope scope) {
    Type common = null;
    for (MapEntry x : m.entries()) {
      if (!x.bareKey()) type(x.key(), scope, false);
      common = StaticTypes.join(common, type(x.value(), scope, false));
    }
    return Type.mapOf(common == null ? Type.ANY : common);
  }

  private Type member(Expr.Member m, Scope scope) {
    Type t = type(m.target(), scope, false);
    if (t instanceof Type.MapOf mt) return mt.element();
    if (t instanceof Type.CloudOf c) {
      String f = m.name().name();
      if (f.equals("name") || f.equals("kind")) return Type.STRING;
      // Plain ifs, no Optional.map: no lambda on a compilation's start path (see resolve.Loader).
      Optional<BlockSchema> cloud = Schemas.cloud(c.kind());
      Optional<AttrSchema> attr = cloud.isPresent() ? cloud.get().attribute(f) : Optional.empty();
      return attr.isPresent() ? attr.get().type() : Type.ANY;
    }
    return Type.ANY;
  }

  private Type index(Expr.Index i, Scope scope) {
    Type t = type(i.target(), scope, false);
    type(i.index(), scope, false);
    if (t instanceof Type.ListOf l) return l.element();
    if (t instanceof Type.MapOf m) return m.element();
    return Type.ANY;
  }

  private Type call(Expr.Call c, Scope scope) {
    List<Type> args = new ArrayList<>(c.args().size());
    for (Expr a : c.args()) args.add(type(a, scope, false));
    return calls.check(c, args);
  }

  private Type unary(Expr.Unary u, Scope scope) {
    Type t = type(u.operand(), scope, false);
    Value sample = StaticTypes.sample(t);
    if (sample == null) return Type.ANY;
    OpResult r = Operators.unary(u.op(), sample);
    if (r instanceof OpResult.Failure err && err.code() == Code.E0307) {
      sink.report(Diagnostic.of(Code.E0307, u.span(), err.message()));
      return Type.ANY;
    }
    return r instanceof OpResult.Ok ok ? Types.of(ok.value()) : Type.ANY;
  }

  /**
   * Asks {@link Operators} about sample values of the operand types; only its E0307 counts, since
   * errors such as a division by zero depend on the values.
   */
  private Type binary(Expr.Binary b, Scope scope) {
    Type l = type(b.left(), scope, false);
    Type r = type(b.right(), scope, false);
    Value a = StaticTypes.sample(l);
    Value c = StaticTypes.sample(r);
    if (a == null || c == null) {
      return switch (b.op()) {
        case EQ, NE, LT, LE, GT, GE, AND, OR -> Type.BOOL;
        default -> Type.ANY;
      };
    }
    OpResult res = Operators.binary(b.op(), a, c);
    if (res instanceof OpResult.Failure err && err.code() == Code.E0307) {
      sink.report(
          b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR
              ? TypeErrors.boolOperands(b.span(), b.op().symbol, (l == Type.BOOL ? r : l).display())
              : Diagnostic.of(Code.E0307, b.span(), err.message()));
      return Type.ANY;
    }
    return res instanceof OpResult.Ok ok ? Types.of(ok.value()) : Type.ANY;
  }

  private Type conditional(Expr.Conditional c, Scope scope, boolean externalOk) {
    Type cond = type(c.condition(), scope, false);
    if (StaticTypes.concrete(cond) && cond != Type.BOOL) {
      sink.report(TypeErrors.conditional(c.condition().span(), cond.display()));
    }
    Type t = type(c.then(), scope, externalOk);
    Type o = type(c.otherwise(), scope, externalOk);
    return t.equals(o) ? t : Type.ANY;
  }
}
