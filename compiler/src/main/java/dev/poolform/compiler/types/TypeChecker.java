package dev.poolform.compiler.types;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import java.util.HashMap;
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
  private final ExprTypes types;

  private TypeChecker(DiagnosticSink sink, Map<String, Type> variables) {
    this.sink = sink;
    this.types = new ExprTypes(sink, globals, variables);
  }

  /**
   * @param variables the type of each declared variable ({@code var.NAME})
   */
  public static void check(Program program, Map<String, Type> variables, DiagnosticSink sink) {
    new TypeChecker(sink, variables).run(program);
  }

  /** Globals of every file first, since a file may use a name another file declares. */
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

  /**
   * Every declaration, including those evaluation may never reach. A body's lets are declared
   * before anything in it is typed, since they may be used before the line that declares them.
   */
  private void decls(List<Decl> ds, Scope scope) {
    for (Decl d : ds) {
      if (d instanceof Decl.Let l && !scope.isTop()) scope.declare(l);
    }
    for (Decl d : ds) {
      if (d instanceof Decl.Let l) {
        types.let(l, scope.isTop() ? null : scope);
      } else if (d instanceof Decl.Cloud c) {
        body(c.body(), scope, Schemas.cloud(c.kind().name()).orElse(null), "", false);
      } else if (d instanceof Decl.Template t) {
        body(t.body(), scope, Schemas.PORTABLE_POOL, "", true);
      } else if (d instanceof Decl.Pool p) {
        pool(p, scope);
      } else if (d instanceof Decl.For f) {
        loop(f, scope);
      } else if (d instanceof Decl.If i) {
        branches(i, scope);
      } else if (d instanceof Decl.Variable v) {
        validations(v, scope);
      }
    }
  }

  /** A validation's condition must be a bool; its message is text. */
  private void validations(Decl.Variable v, Scope scope) {
    for (BodyItem item : v.body().items()) {
      if (!(item instanceof BodyItem.Block b) || !b.name().name().equals("validation")) continue;
      for (BodyItem x : b.body().items()) {
        if (!(x instanceof BodyItem.Attribute a)) continue;
        Type t = types.type(a.value(), scope, false);
        if (!StaticTypes.concrete(t)) continue;
        if (a.name().name().equals("condition") && t != Type.BOOL) {
          sink.report(TypeErrors.validationCondition(a.value().span(), t.display()));
        } else if (a.name().name().equals("message") && t != Type.STRING) {
          sink.report(TypeErrors.validationMessage(a.value().span(), t.display()));
        }
      }
    }
  }

  /** A pool on a cloud of known kind is checked against that kind's schema, else the portable. */
  private void pool(Decl.Pool p, Scope scope) {
    types.type(p.name(), scope, false);
    types.type(p.on(), scope, false);
    BlockSchema schema = Schemas.PORTABLE_POOL;
    if (types.type(p.on(), scope, false) instanceof Type.CloudOf c
        && Schemas.machine(c.kind()).isPresent()) {
      schema = Schemas.pool(c.kind());
    }
    body(p.body(), scope, schema, "", true);
  }

  private void loop(Decl.For f, Scope scope) {
    Type it = types.type(f.iterable(), scope, false);
    Type key = Type.ANY;
    Type val = Type.ANY;
    if (it instanceof Type.ListOf l) {
      key = Type.INT;
      val = l.element();
    } else if (it instanceof Type.MapOf m) {
      key = Type.STRING;
      val = m.element();
    } else if (StaticTypes.concrete(it)) {
      sink.report(TypeErrors.loopOver(f.iterable().span(), it.display()));
    }
    Scope inner = new Scope(scope);
    if (f.key().isPresent()) inner.bind(f.key().get().name(), key); // no lambda: see Loader
    inner.bind(f.value().name(), val);
    decls(f.body(), inner);
  }

  /** Both branches, whatever the condition: the static check also covers the one not taken. */
  private void branches(Decl.If i, Scope scope) {
    Type c = types.type(i.condition(), scope, false);
    if (StaticTypes.concrete(c) && c != Type.BOOL) {
      sink.report(TypeErrors.ifCondition(i.condition().span(), c.display()));
    }
    decls(i.then(), new Scope(scope));
    decls(i.otherwise(), new Scope(scope));
  }

  /** Checks a body's attribute types against its schema where both are known. */
  private void body(Body b, Scope scope, BlockSchema schema, String path, boolean poolBody) {
    for (BodyItem item : b.items()) {
      String n = item.name().name();
      if (item instanceof BodyItem.Attribute a) {
        boolean ext = poolBody && path.equals("capacity") && n.equals("desired");
        Type t = types.type(a.value(), scope, ext);
        AttrSchema as = schema == null ? null : schema.attribute(n).orElse(null);
        if (as != null
            && StaticTypes.concrete(t)
            && t != Type.NULL
            && !Types.assignable(t, as.type())) {
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
}
