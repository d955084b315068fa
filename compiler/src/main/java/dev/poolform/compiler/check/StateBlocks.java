package dev.poolform.compiler.check;

import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.ir.IrBackend;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the {@code state KIND { ... }} block (docs/language.md#state) and turns it into the
 * backend the runtime uses. Like Terraform's {@code backend} block it is read before anything is
 * evaluated, so every value is a plain string: no names, calls or interpolation. There is at most
 * one, at the top level of an entry file; credentials are never settings (each backend takes them
 * from its SDK's default chain).
 */
public final class StateBlocks {
  private StateBlocks() {}

  /** A kind's settings: which must be given, and which may. */
  private record Kind(List<String> required, List<String> optional) {
    List<String> all() {
      List<String> l = new ArrayList<>(required);
      l.addAll(optional);
      return l;
    }
  }

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("git", new Kind(List.of(), List.of("remote", "branch")));
    KINDS.put("s3", new Kind(List.of("bucket", "key", "region"), List.of("endpoint")));
    KINDS.put("azurerm", new Kind(List.of("account", "container", "blob"), List.of("endpoint")));
  }

  /** Settings people reach for that hold credentials: refused with a pointer to the SDK chain. */
  private static final Set<String> CREDENTIALS =
      Set.of(
          "access_key",
          "secret_key",
          "token",
          "session_token",
          "sas_token",
          "access_key_id",
          "secret_access_key",
          "client_secret",
          "password",
          "profile");

  /** Checks every {@code state} block of {@code program}; returns the one there is, if valid. */
  public static Optional<IrBackend> check(Program program, DiagnosticSink sink) {
    List<Decl.State> top = new ArrayList<>();
    for (SourceUnit u : program.entries()) {
      for (Decl d : u.decls()) {
        if (d instanceof Decl.State s) top.add(s);
        else nested(d, sink, "inside `for` or `if`");
      }
    }
    for (SourceUnit u : program.imports()) {
      for (Decl d : u.decls()) {
        if (d instanceof Decl.State s) misplaced(s, sink, "in an imported file");
        else nested(d, sink, "inside `for` or `if`");
      }
    }
    if (top.isEmpty()) return Optional.empty();
    for (Decl.State extra : top.subList(1, top.size())) {
      sink.report(
          Diagnostic.of(
                  Code.E0202,
                  extra.kind().span(),
                  "A second `state` block: a configuration keeps its state in one place.")
              .withNote(top.get(0).kind().span(), "the first `state` block is here"));
    }
    return one(top.get(0), sink);
  }

  private static void nested(Decl d, DiagnosticSink sink, String where) {
    List<Decl> inner = new ArrayList<>();
    if (d instanceof Decl.For f) inner.addAll(f.body());
    if (d instanceof Decl.If i) {
      inner.addAll(i.then());
      inner.addAll(i.otherwise());
    }
    for (Decl x : inner) {
      if (x instanceof Decl.State s) misplaced(s, sink, where);
      else nested(x, sink, where);
    }
  }

  private static void misplaced(Decl.State s, DiagnosticSink sink, String where) {
    sink.report(
        Diagnostic.of(
                Code.E0215,
                s.kind().span(),
                "A `state` block " + where + ": it must be at the top level of an entry file.")
            .withHelp(
                "Where the state lives is decided before anything is evaluated; move the block"
                    + " to the top level of the configuration's own file."));
  }

  private static Optional<IrBackend> one(Decl.State s, DiagnosticSink sink) {
    String kindName = s.kind().name();
    Kind kind = KINDS.get(kindName);
    if (kind == null) {
      sink.report(
          Diagnostic.of(
                  Code.E0401,
                  s.kind().span(),
                  "Unknown state backend `"
                      + kindName
                      + "`: it is one of "
                      + String.join(", ", KINDS.keySet())
                      + ".")
              .withHelp("Leave the `state` block out to keep the state in the local file."));
      return Optional.empty();
    }
    boolean ok = true;
    Map<String, String> settings = new TreeMap<>();
    Map<String, BodyItem> seen = new LinkedHashMap<>();
    for (BodyItem item : s.body().items()) {
      String name = item.name().name();
      if (seen.containsKey(name)) {
        sink.report(
            Diagnostic.of(Code.E0304, item.name().span(), "`" + name + "` is given twice.")
                .withNote(seen.get(name).name().span(), "first given here"));
        ok = false;
        continue;
      }
      seen.put(name, item);
      if (!kind.all().contains(name)) {
        Diagnostic d =
            Diagnostic.of(
                Code.E0302,
                item.name().span(),
                "`state " + kindName + "` has no setting `" + name + "`.");
        d =
            CREDENTIALS.contains(name)
                ? d.withHelp(
                    "Credentials never go in the configuration: the "
                        + kindName
                        + " backend takes them from the SDK's default chain (environment,"
                        + " profile, managed identity), as the clouds do.")
                : d.withHelp("Its settings are " + String.join(", ", kind.all()) + ".");
        sink.report(d);
        ok = false;
        continue;
      }
      if (!(item instanceof BodyItem.Attribute a)
          || !(a.value() instanceof StringExpr str)
          || !str.isConstant()) {
        sink.report(
            Diagnostic.of(
                    Code.E0301,
                    item instanceof BodyItem.Attribute a2 ? a2.value().span() : item.span(),
                    "`" + name + "` must be a plain string.")
                .withHelp(
                    "The state's location is read before anything is evaluated, so it cannot"
                        + " use names, calls or interpolation; write the value out."));
        ok = false;
        continue;
      }
      String value = str.constantText();
      Optional<String> bad = invalid(name, value);
      if (bad.isPresent()) {
        sink.report(Diagnostic.of(Code.E0401, str.span(), bad.get()));
        ok = false;
        continue;
      }
      settings.put(name, value);
    }
    for (String r : kind.required()) {
      if (!seen.containsKey(r)) {
        sink.report(
            Diagnostic.of(
                    Code.E0303, s.kind().span(), "`state " + kindName + "` needs `" + r + "`.")
                .withHelp("It takes " + String.join(", ", kind.required()) + "."));
        ok = false;
      }
    }
    return ok ? Optional.of(new IrBackend(kindName, settings)) : Optional.empty();
  }

  /** Why {@code value} cannot be setting {@code name}, if it cannot. */
  private static Optional<String> invalid(String name, String value) {
    if (value.isBlank()) return Optional.of("`" + name + "` cannot be empty.");
    if (name.equals("endpoint")) {
      try {
        URI u = new URI(value);
        if (u.getScheme() == null
            || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
            || u.getHost() == null) {
          return Optional.of("`endpoint` must be an http:// or https:// URL, not `" + value + "`.");
        }
      } catch (java.net.URISyntaxException e) {
        return Optional.of("`endpoint` must be an http:// or https:// URL, not `" + value + "`.");
      }
    }
    if ((name.equals("branch") || name.equals("remote")) && !gitName(value)) {
      return Optional.of("`" + name + "` is not a valid git name: `" + value + "`.");
    }
    return Optional.empty();
  }

  /**
   * No space, tab, line end or form feed and none of {@code ~^:?*[\\}, which git refuses in a ref
   * or remote name. A scan, not a pattern: no java.util.regex on a compilation's start path (see
   * resolve.Loader).
   */
  private static boolean gitName(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (" \t\n\u000B\f\r~^:?*[\\".indexOf(c) >= 0) return false;
    }
    return true;
  }
}
