package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Resolution;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.compiler.types.OpResult;
import dev.poolform.compiler.types.Operators;
import dev.poolform.source.Span;
import dev.poolform.stdlib.functions.Builtin;
import dev.poolform.stdlib.functions.Builtins;
import dev.poolform.stdlib.functions.CallResult;
import dev.poolform.stdlib.functions.Limits;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.types.ValueText;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.CloudValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Evaluates a resolved configuration (LANGUAGE.md §2–§3). */
public final class Evaluator {
  /** Loop iterations over the whole configuration; past this, evaluation stops with E0308. */
  public static final long MAX_ITERATIONS = 1_000_000;

  private final Resolution res;
  private final DiagnosticSink sink;
  private final FileReader files;
  private final Map<String, String> environment;
  private final Env global = new Env(null);
  private final IdentityHashMap<Decl.Template, EBody> templates = new IdentityHashMap<>();
  private final IdentityHashMap<Decl.Template, Boolean> busyTemplates = new IdentityHashMap<>();
  private final Map<List<String>, EBody> fromCache = new HashMap<>();
  private final IdentityHashMap<Decl.Cloud, EvaluatedCloud> clouds = new IdentityHashMap<>();
  private final List<PoolInstance> pools = new ArrayList<>();
  private java.nio.file.Path projectRoot;
  private long iterations;
  private boolean limitReported;

  private Evaluator(
      Resolution res, DiagnosticSink sink, Map<String, String> environment, FileReader files) {
    this.res = res;
    this.sink = sink;
    this.environment = environment;
    this.files = files;
  }

  public static Evaluation evaluate(
      Resolution res, DiagnosticSink sink, Map<String, String> environment) {
    return evaluate(res, sink, environment, FileReader.DISK, null);
  }

  /**
   * @param projectRoot {@code file()} may not read outside it; null: anywhere
   */
  public static Evaluation evaluate(
      Resolution res,
      DiagnosticSink sink,
      Map<String, String> environment,
      FileReader files,
      Path projectRoot) {
    Evaluator e = new Evaluator(res, sink, environment, files);
    e.projectRoot = projectRoot;
    return e.run();
  }

  private Evaluation run() {
    for (Map.Entry<String, Decl> e : res.values().entrySet()) {
      global.slots.put(e.getKey(), new Env.Slot(e.getValue(), global));
    }
    List<EvaluatedCloud> cs = new ArrayList<>();
    for (Decl.Cloud c : res.clouds()) cs.add(cloud(c));
    for (SourceUnit u : res.entries()) unroll(u.decls(), global);
    for (Env.Slot s : global.slots.values()) force(s);
    for (Decl.Template t : res.templates().values()) template(t);
    return new Evaluation(cs, pools);
  }

  // ---- declarations ---------------------------------------------------------------------------

  private void unroll(List<Decl> decls, Env env) {
    for (Decl d : decls) {
      if (d instanceof Decl.Pool p) {
        stamp(p, env);
      } else if (d instanceof Decl.For f) {
        loop(f, env);
      } else if (d instanceof Decl.If i) {
        Value c = eval(i.condition(), env);
        if (c == null) continue;
        if (!(c instanceof BoolValue b)) {
          sink.report(
              Diagnostic.of(
                  Code.E0301,
                  i.condition().span(),
                  "Expected bool, found "
                      + Types.describe(c)
                      + "; an `if` condition must be true or false."));
          continue;
        }
        scope(b.value() ? i.then() : i.otherwise(), env, null, null, null, null);
      }
    }
  }

  private void loop(Decl.For f, Env env) {
    Value it = eval(f.iterable(), env);
    if (it == null) return;
    if (it instanceof ListValue l) {
      for (int i = 0; i < l.items().size(); i++) {
        if (!tick(f)) return;
        scope(f.body(), env, f.key().orElse(null), new IntValue(i), f.value(), l.items().get(i));
      }
    } else if (it instanceof MapValue m) {
      for (Map.Entry<String, Value> e : m.entries().entrySet()) {
        if (!tick(f)) return;
        scope(
            f.body(),
            env,
            f.key().orElse(null),
            new StringValue(e.getKey()),
            f.value(),
            e.getValue());
      }
    } else {
      sink.report(
          Diagnostic.of(
              Code.E0301,
              f.iterable().span(),
              "Expected a list or a map to loop over, found " + Types.describe(it) + "."));
    }
  }

  private boolean tick(Decl.For f) {
    if (++iterations <= MAX_ITERATIONS) return true;
    if (!limitReported) {
      limitReported = true;
      sink.report(
          Diagnostic.of(
              Code.E0308,
              f.iterable().span(),
              "The configuration loops more than " + MAX_ITERATIONS + " times in total."));
    }
    return false;
  }

  /** Runs a for/if body in a new scope holding the loop variables and the body's lets. */
  private void scope(
      List<Decl> body, Env parent, Ident key, Value keyValue, Ident var, Value value) {
    Env env = new Env(parent);
    if (key != null) env.slots.put(key.name(), Env.Slot.of(keyValue));
    if (var != null) env.slots.put(var.name(), Env.Slot.of(value));
    List<Env.Slot> lets = null;
    for (Decl d : body) {
      if (d instanceof Decl.Let l && !env.slots.containsKey(l.name().name())) {
        Env.Slot s = new Env.Slot(l, env);
        env.slots.put(l.name().name(), s);
        if (lets == null) lets = new ArrayList<>();
        lets.add(s);
      }
    }
    unroll(body, env);
    if (lets != null) for (Env.Slot s : lets) force(s);
  }

  private void stamp(Decl.Pool p, Env env) {
    Value nameValue = eval(p.name(), env);
    String name = null;
    if (nameValue instanceof StringValue s) {
      name = s.value();
    } else if (nameValue != null) {
      sink.report(
          Diagnostic.of(
              Code.E0301,
              p.name().span(),
              "Expected string, found "
                  + Types.describe(nameValue)
                  + (nameValue instanceof SecretValue ? " marked secret" : "")
                  + "; a pool name must be a plain string."));
    }
    CloudValue cloud = null;
    Value on = eval(p.on(), env);
    if (on instanceof CloudValue c) {
      cloud = c;
    } else if (on != null) {
      sink.report(
          Diagnostic.of(
              Code.E0203,
              p.on().span(),
              "`on` must name a cloud, found " + Types.describe(on) + "."));
    }
    EBody base = fromTemplates(p.from());
    EBody own = body(p.body(), env, "", true);
    if (name == null) return;
    pools.add(
        new PoolInstance(
            p,
            name,
            p.name().span(),
            cloud,
            p.on().span(),
            EBody.merge(base, own),
            complete(p.from(), new java.util.HashSet<>())));
  }

  /** Whether every template named (transitively) exists and none is part of a cycle. */
  private boolean complete(List<Ident> from, java.util.Set<String> path) {
    for (Ident i : from) {
      Decl.Template t = res.templates().get(i.name());
      if (t == null || !path.add(i.name())) return false;
      if (!complete(t.from(), path)) return false;
      path.remove(i.name());
    }
    return true;
  }

  private EBody fromTemplates(List<Ident> from) {
    if (from.isEmpty()) return new EBody(Map.of(), null);
    List<String> key = new ArrayList<>(from.size());
    for (Ident i : from) key.add(i.name());
    EBody cached = fromCache.get(key);
    if (cached != null) return cached;
    EBody out = new EBody(Map.of(), null);
    for (Ident i : from) {
      Decl.Template t = res.templates().get(i.name());
      if (t != null) out = EBody.merge(out, template(t));
    }
    fromCache.put(key, out);
    return out;
  }

  /** A template with everything it inherits merged underneath, evaluated once. */
  private EBody template(Decl.Template t) {
    EBody done = templates.get(t);
    if (done != null) return done;
    if (busyTemplates.containsKey(t)) return new EBody(Map.of(), t.body().span());
    busyTemplates.put(t, true);
    EBody base = fromTemplates(t.from());
    EBody merged = EBody.merge(base, body(t.body(), global, "", true));
    busyTemplates.remove(t);
    templates.put(t, merged);
    return merged;
  }

  private EvaluatedCloud cloud(Decl.Cloud c) {
    EvaluatedCloud done = clouds.get(c);
    if (done != null) return done;
    EBody b = body(c.body(), global, "", false);
    EvaluatedCloud ec =
        new EvaluatedCloud(c, new CloudValue(c.kind().name(), c.name().name(), b.toMap()), b);
    clouds.put(c, ec);
    return ec;
  }

  /**
   * Evaluates a body. {@code path} is the block path inside a pool or template body ("" at its
   * top), used to allow {@code external} only at {@code capacity.desired}.
   */
  private EBody body(Body b, Env env, String path, boolean poolBody) {
    Map<String, EBody.Item> items = new LinkedHashMap<>();
    for (BodyItem item : b.items()) {
      String n = item.name().name();
      EBody.Item first = items.get(n);
      if (first != null) {
        sink.report(
            Diagnostic.of(
                    Code.E0304,
                    item.name().span(),
                    "`"
                        + n
                        + "` is given twice in this "
                        + (path.isEmpty() ? "body" : "`" + path + "` block")
                        + ".")
                .withNote(first.nameSpan(), "first given here"));
        continue;
      }
      if (item instanceof BodyItem.Attribute a) {
        boolean ext = poolBody && path.equals("capacity") && n.equals("desired");
        items.put(n, new EBody.Attr(eval(a.value(), env, ext), a.name().span(), a.value().span()));
      } else {
        BodyItem.Block bl = (BodyItem.Block) item;
        items.put(
            n,
            new EBody.Block(
                body(bl.body(), env, path.isEmpty() ? n : path + "." + n, poolBody),
                bl.name().span()));
      }
    }
    return new EBody(items, b.span());
  }

  // ---- names ----------------------------------------------------------------------------------

  private Value force(Env.Slot s) {
    if (s.state == Env.Slot.DONE) return s.value;
    if (s.state == Env.Slot.BUSY) return null; // a cycle, reported by resolution
    s.state = Env.Slot.BUSY;
    Value v;
    if (s.decl instanceof Decl.Let l) v = eval(l.value(), s.env);
    else v = cloud((Decl.Cloud) s.decl).value();
    s.value = v;
    s.state = Env.Slot.DONE;
    return v;
  }

  // ---- expressions ----------------------------------------------------------------------------

  Value eval(Expr e, Env env) {
    return eval(e, env, false);
  }

  /** The value of {@code e}, or null when it failed (reported here or earlier). */
  Value eval(Expr e, Env env, boolean externalOk) {
    if (e instanceof Expr.Literal l) return literal(l, externalOk);
    if (e instanceof StringExpr s) return string(s, env);
    if (e instanceof Expr.Name n) {
      Env.Slot s = env.lookup(n.name());
      return s == null ? null : force(s);
    }
    if (e instanceof Expr.Paren p) return eval(p.inner(), env, externalOk);
    if (e instanceof Expr.ListExpr l) {
      List<Value> out = new ArrayList<>(l.items().size());
      boolean ok = true;
      for (Expr x : l.items()) {
        Value v = eval(x, env);
        if (v == null) ok = false;
        else out.add(v);
      }
      return ok ? new ListValue(out) : null;
    }
    if (e instanceof Expr.MapExpr m) return map(m, env);
    if (e instanceof Expr.Member m) return member(m, env);
    if (e instanceof Expr.Index i) return index(i, env);
    if (e instanceof Expr.Call c) return call(c, env);
    if (e instanceof Expr.Unary u) {
      Value v = eval(u.operand(), env);
      if (v == null) return null;
      return op(Operators.unary(u.op(), v), u.span());
    }
    if (e instanceof Expr.Binary b) return binary(b, env);
    if (e instanceof Expr.Conditional c) {
      Value cond = eval(c.condition(), env);
      if (cond == null) return null;
      if (!(cond instanceof BoolValue bv)) {
        sink.report(
            Diagnostic.of(
                Code.E0301,
                c.condition().span(),
                "Expected bool, found "
                    + Types.describe(cond)
                    + "; the condition of `? :` must be true or false."));
        return null;
      }
      return eval(bv.value() ? c.then() : c.otherwise(), env, externalOk);
    }
    return null; // Expr.Invalid: the parser reported it
  }

  private Value literal(Expr.Literal l, boolean externalOk) {
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
        sink.report(
            Diagnostic.of(
                    Code.E0306,
                    l.span(),
                    "`external` is allowed only as the value of" + " `capacity.desired`.")
                .withHelp(
                    "Write `capacity { desired = external }` to let an autoscaler own the"
                        + " machine count."));
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

  private Value string(StringExpr s, Env env) {
    if (s.parts().size() == 1 && s.parts().get(0) instanceof StringPart.Text t)
      return new StringValue(t.text());
    StringBuilder sb = new StringBuilder();
    boolean secret = false;
    boolean ok = true;
    for (StringPart p : s.parts()) {
      if (p instanceof StringPart.Text t) {
        sb.append(t.text());
      } else {
        StringPart.Interpolation i = (StringPart.Interpolation) p;
        Value v = eval(i.expr(), env);
        if (v == null) {
          ok = false;
          continue;
        }
        if (!ValueText.interpolatable(v)) {
          sink.report(
              Diagnostic.of(
                      Code.E0301,
                      i.expr().span(),
                      "Expected a string or simple value in `${...}`, found "
                          + Types.describe(v)
                          + ".")
                  .withHelp(
                      v instanceof ListValue
                          ? "Use `join(\", \", list)` to make text of a list."
                          : null));
          ok = false;
          continue;
        }
        secret |= v instanceof SecretValue;
        sb.append(ValueText.text(v));
      }
      if (sb.length() > Limits.MAX_STRING) {
        sink.report(
            Diagnostic.of(
                Code.E0308,
                s.span(),
                "The string would exceed " + Limits.MAX_STRING + " characters."));
        return null;
      }
    }
    if (!ok) return null;
    return secret ? new SecretValue(sb.toString()) : new StringValue(sb.toString());
  }

  private Value map(Expr.MapExpr m, Env env) {
    TreeMap<String, Value> out = new TreeMap<>();
    Map<String, Span> firstAt = new HashMap<>();
    boolean ok = true;
    for (MapEntry entry : m.entries()) {
      String key;
      if (entry.bareKey() && entry.key() instanceof Expr.Name n) {
        key = n.name();
      } else {
        Value k = eval(entry.key(), env);
        if (k == null) {
          ok = false;
          eval(entry.value(), env);
          continue;
        }
        if (!(k instanceof StringValue sk)) {
          sink.report(
              Diagnostic.of(
                  Code.E0301,
                  entry.key().span(),
                  "Expected string, found " + Types.describe(k) + "; map keys are strings."));
          ok = false;
          continue;
        }
        key = sk.value();
      }
      Value v = eval(entry.value(), env);
      if (firstAt.containsKey(key)) {
        sink.report(
            Diagnostic.of(
                    Code.E0304, entry.key().span(), "Key `" + key + "` is given twice in this map.")
                .withNote(firstAt.get(key), "first given here"));
        continue;
      }
      firstAt.put(key, entry.key().span());
      if (v == null) ok = false;
      else out.put(key, v);
    }
    return ok ? new MapValue(out) : null;
  }

  private Value member(Expr.Member m, Env env) {
    Value t = eval(m.target(), env);
    if (t == null) return null;
    String n = m.name().name();
    if (t instanceof CloudValue c) {
      if (n.equals("name")) return new StringValue(c.name());
      if (n.equals("kind")) return new StringValue(c.kind());
      Value v = c.settings().entries().get(n);
      if (v != null) return v;
      var schema = Schemas.cloud(c.kind());
      if (schema.isPresent() && schema.get().attribute(n).isPresent()) return NullValue.INSTANCE;
      List<String> fields = new ArrayList<>(List.of("name", "kind"));
      schema.ifPresent(s -> fields.addAll(s.attributes().keySet()));
      Diagnostic d =
          Diagnostic.of(
              Code.E0201, m.name().span(), "Cloud `" + c.name() + "` has no field `" + n + "`.");
      String help = Suggest.didYouMean(n, fields);
      sink.report(help != null ? d.withHelp(help) : d);
      return null;
    }
    if (t instanceof MapValue mv) {
      Value v = mv.entries().get(n);
      if (v != null) return v;
      Diagnostic d = Diagnostic.of(Code.E0309, m.name().span(), "The map has no key `" + n + "`.");
      String help = Suggest.didYouMean(n, mv.entries().keySet());
      sink.report(help != null ? d.withHelp(help) : d);
      return null;
    }
    sink.report(
        Diagnostic.of(
            Code.E0301,
            m.name().span(),
            "Expected a map or a cloud before `." + n + "`, found " + Types.describe(t) + "."));
    return null;
  }

  private Value index(Expr.Index i, Env env) {
    Value t = eval(i.target(), env);
    Value k = eval(i.index(), env);
    if (t == null || k == null) return null;
    if (t instanceof ListValue l) {
      if (!(k instanceof IntValue iv)) {
        sink.report(
            Diagnostic.of(
                Code.E0301,
                i.index().span(),
                "Expected int, found " + Types.describe(k) + "; lists are indexed by position."));
        return null;
      }
      if (iv.value() < 0 || iv.value() >= l.items().size()) {
        sink.report(
            Diagnostic.of(
                Code.E0309,
                i.index().span(),
                "Index "
                    + iv.value()
                    + " is out of range for a list of "
                    + l.items().size()
                    + " element"
                    + (l.items().size() == 1 ? "" : "s")
                    + "."));
        return null;
      }
      return l.items().get((int) iv.value());
    }
    if (t instanceof MapValue m) {
      if (!(k instanceof StringValue sk)) {
        sink.report(
            Diagnostic.of(
                Code.E0301,
                i.index().span(),
                "Expected string, found " + Types.describe(k) + "; maps are indexed by key."));
        return null;
      }
      Value v = m.entries().get(sk.value());
      if (v == null) {
        Diagnostic d =
            Diagnostic.of(Code.E0309, i.index().span(), "The map has no key `" + sk.value() + "`.");
        String help = Suggest.didYouMean(sk.value(), m.entries().keySet());
        sink.report(help != null ? d.withHelp(help) : d);
      }
      return v;
    }
    sink.report(
        Diagnostic.of(
            Code.E0301,
            i.target().span(),
            "Expected a list or a map to index, found " + Types.describe(t) + "."));
    return null;
  }

  private Value call(Expr.Call c, Env env) {
    Builtin fn = Builtins.lookup(c.function().name()).orElse(null);
    List<Value> args = new ArrayList<>(c.args().size());
    boolean ok = true;
    for (Expr a : c.args()) {
      Value v = eval(a, env);
      if (v == null) ok = false;
      args.add(v);
    }
    if (fn == null || !ok) return null; // unknown functions were reported by resolution
    CallResult r = fn.call(args, files.context(c.span().file(), environment, projectRoot));
    if (r instanceof CallResult.Ok okr) return okr.value();
    CallResult.Failure f = (CallResult.Failure) r;
    Code code =
        switch (f.kind()) {
          case ARGUMENTS -> Code.E0305;
          case ENV_MISSING -> Code.E0408;
          case FILE -> Code.E0409;
          case ARITHMETIC -> Code.E0308;
          case INDEX -> Code.E0309;
        };
    Span at =
        f.argument() >= 0 && f.argument() < c.args().size()
            ? c.args().get(f.argument()).span()
            : c.span();
    if (f.kind() == CallResult.Kind.ENV_MISSING) at = c.span();
    Diagnostic d = Diagnostic.of(code, at, f.message());
    if (code == Code.E0408)
      d = d.withHelp("Set the variable, or give a default: `env(\"NAME\", \"default\")`.");
    sink.report(d);
    return null;
  }

  private Value binary(Expr.Binary b, Env env) {
    if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
      Value l = eval(b.left(), env);
      if (l == null) return null;
      if (!(l instanceof BoolValue lb)) {
        sink.report(
            Diagnostic.of(
                Code.E0307,
                b.span(),
                "Operator `"
                    + b.op().symbol
                    + "` is not defined for "
                    + Types.describe(l)
                    + "; it needs bool operands."));
        return null;
      }
      if (b.op() == Expr.BinaryOp.AND ? !lb.value() : lb.value()) return lb;
      Value r = eval(b.right(), env);
      if (r == null) return null;
      if (!(r instanceof BoolValue)) {
        sink.report(
            Diagnostic.of(
                Code.E0307,
                b.span(),
                "Operator `"
                    + b.op().symbol
                    + "` is not defined for "
                    + Types.describe(r)
                    + "; it needs bool operands."));
        return null;
      }
      return r;
    }
    Value l = eval(b.left(), env);
    Value r = eval(b.right(), env);
    if (l == null || r == null) return null;
    return op(Operators.binary(b.op(), l, r), b.span());
  }

  private Value op(OpResult r, Span at) {
    if (r instanceof OpResult.Ok ok) return ok.value();
    OpResult.Failure e = (OpResult.Failure) r;
    sink.report(Diagnostic.of(e.code(), at, e.message()));
    return null;
  }
}
