package dev.poolform.compiler;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.check.Checker;
import dev.poolform.compiler.check.Moves;
import dev.poolform.compiler.check.StateBlocks;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.eval.Evaluation;
import dev.poolform.compiler.eval.Evaluator;
import dev.poolform.compiler.eval.FileReader;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.compiler.inputs.Inputs;
import dev.poolform.compiler.inputs.VarInputs;
import dev.poolform.compiler.lower.IrBuilder;
import dev.poolform.compiler.query.KnownValues;
import dev.poolform.compiler.resolve.Loader;
import dev.poolform.compiler.resolve.ParseFunction;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.compiler.resolve.Resolution;
import dev.poolform.compiler.resolve.Resolver;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.compiler.types.TypeChecker;
import dev.poolform.ir.IrBackend;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrMove;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compiler's one entry point: read, parse, resolve, evaluate, check, build the IR. The CLI, the
 * runtime and the tests call only this. It never throws: a bug inside becomes one E0100 diagnostic,
 * so no input ends in a stack trace.
 */
public final class Compiler {
  private Compiler() {}

  /**
   * The syntax package's parser. A class, like {@link Job}, rather than a method reference: no
   * lambda is linked on a compilation's start path, since the first one costs a cold {@code pool
   * validate} the set-up of {@code java.lang.invoke} (docs/BENCHMARKS.md#cold-start).
   */
  private static final ParseFunction PARSER =
      new ParseFunction() {
        @Override
        public SourceUnit parse(SourceFile file, DiagnosticSink sink) {
          return Parser.parse(file, sink);
        }
      };

  /** Compiles a file or directory configuration from disk. */
  public static Compilation compile(CompileOptions options) {
    return analyze(options).compilation();
  }

  /**
   * Compiles like {@link #compile} and keeps what the phases found on the way (syntax trees, names,
   * values) for editors.
   */
  public static Analysis analyze(CompileOptions options) {
    Path root = options.entry().toAbsolutePath().normalize();
    return run(new Job(options, null, null, options.environment(), options.overlay(), root));
  }

  /**
   * Reads only the configuration's {@code state} block, for the commands that neither plan nor
   * apply ({@code force-unlock}, {@code show}, {@code state ...}): the files are parsed and the
   * block checked, nothing is evaluated, so no variable needs a value. The IR, when there are no
   * errors, holds no pools: only the backend.
   */
  public static Compilation stateBlock(CompileOptions options) {
    Path root = options.entry().toAbsolutePath().normalize();
    DiagnosticSink sink = new DiagnosticSink();
    Loader loader = new Loader(PARSER, sink, options.overlay());
    Program program = null;
    Optional<IrConfig> ir = Optional.empty();
    try {
      program = loader.load(options.entry(), options.projectRoot());
      if (!sink.hasSyntaxErrors()) {
        Optional<IrBackend> backend = StateBlocks.check(program, sink);
        if (!sink.hasErrors()) {
          ir =
              Optional.of(new IrConfig(IrConfig.VERSION, List.of(), List.of(), List.of(), backend));
        }
      }
    } catch (RuntimeException e) {
      internal(sink, program, e);
      ir = Optional.empty();
    }
    return analysis(ir, sink, loader, program, root, Symbols.EMPTY, KnownValues.NONE).compilation();
  }

  /** Compiles one in-memory file (tests, fuzzing); {@code env()} sees nothing. */
  public static Compilation compileSource(String displayPath, String text) {
    return compileSource(displayPath, text, Map.of());
  }

  /** Compiles one in-memory file with the given environment for {@code env()}. */
  public static Compilation compileSource(
      String displayPath, String text, Map<String, String> environment) {
    return analyzeSource(displayPath, text, environment).compilation();
  }

  /** Analyses one in-memory file with the given environment for {@code env()}. */
  public static Analysis analyzeSource(
      String displayPath, String text, Map<String, String> environment) {
    return run(new Job(null, displayPath, text, environment, Map.of(), Path.of(displayPath)));
  }

  /**
   * One compilation: a configuration on disk ({@code options}) or one in-memory file ({@code
   * displayPath}, {@code text}); run on the compiler's thread, which keeps the {@code result}.
   */
  private static final class Job implements Runnable {
    private final CompileOptions options;
    private final String displayPath;
    private final String text;
    final Map<String, String> environment;
    final Map<Path, String> overlay;
    final Path fallbackRoot;
    Analysis result;

    Job(
        CompileOptions options,
        String displayPath,
        String text,
        Map<String, String> environment,
        Map<Path, String> overlay,
        Path fallbackRoot) {
      this.options = options;
      this.displayPath = displayPath;
      this.text = text;
      this.environment = environment;
      this.overlay = overlay;
      this.fallbackRoot = fallbackRoot;
    }

    Program load(Loader loader) {
      return options == null
          ? loader.loadSource(displayPath, text)
          : loader.load(options.entry(), options.projectRoot());
    }

    /** The {@code .poolvars} files and {@code --var}s; an in-memory file has none. */
    VarInputs vars(Loader loader, DiagnosticSink sink) {
      return options == null
          ? VarInputs.NONE
          : VarInputs.load(options.entry(), options.variables(), loader, sink);
    }

    @Override
    public void run() {
      result = runHere(this);
    }
  }

  /**
   * Evaluation recurses along chains of lets and nested values; a thread with a large stack lets
   * deep but legal configurations compile instead of failing on the default thread's stack.
   */
  static final long STACK_BYTES = 512L * 1024 * 1024;

  private static Analysis run(Job job) {
    Thread t = new Thread(null, job, "poolform-compile", STACK_BYTES);
    try {
      t.start();
    } catch (OutOfMemoryError | RuntimeException e) {
      // No room for a big stack (e.g. a low `ulimit -v`): compile on this thread instead.
      return runHere(job);
    }
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    if (job.result == null) { // the thread died of an Error we do not catch (out of memory)
      DiagnosticSink sink = new DiagnosticSink();
      internal(sink, null, new IllegalStateException("the compiler thread stopped"));
      Compilation c = new Compilation(Optional.empty(), sink.sorted(), List.of(), job.fallbackRoot);
      return new Analysis(c, List.of(), List.of(), Symbols.EMPTY, KnownValues.NONE);
    }
    return job.result;
  }

  private static Analysis runHere(Job job) {
    Map<String, String> environment = job.environment;
    Path fallbackRoot = job.fallbackRoot;
    DiagnosticSink sink = new DiagnosticSink();
    Program program = null;
    Optional<IrConfig> ir = Optional.empty();
    Symbols symbols = Symbols.EMPTY;
    KnownValues values = KnownValues.NONE;
    Loader loader = new Loader(PARSER, sink, job.overlay);
    try {
      program = job.load(loader);
      VarInputs given = job.vars(loader, sink);
      // Like Terraform: a file that does not parse is reported on its own. Resolving and checking
      // what recovery left of it would add errors that are only echoes of the syntax error.
      if (sink.hasSyntaxErrors()) {
        return analysis(ir, sink, loader, program, fallbackRoot, namesOnly(program), values);
      }
      Resolution res = Resolver.resolve(program, sink);
      symbols = res.symbols();
      InputValues inputs = Inputs.bind(res.variables().values(), given, environment, sink);
      TypeChecker.check(program, inputs.types(), sink);
      Evaluation ev =
          Evaluator.evaluate(
              res, inputs, sink, environment, FileReader.DISK, program.projectRoot());
      values = KnownValues.of(ev);
      Checker.check(ev, sink);
      List<IrMove> moves = Moves.check(program, ev, sink);
      Optional<IrBackend> backend = StateBlocks.check(program, sink);
      if (!sink.hasErrors()) ir = Optional.of(IrBuilder.build(ev, moves, backend));
    } catch (StackOverflowError e) {
      SourceFile f =
          program != null && !program.sources().isEmpty()
              ? program.sources().get(0)
              : SourceFile.of("<input>", "");
      sink.report(
          Diagnostic.of(
                  Code.E0106,
                  new Span(f, 0, 0),
                  "The configuration nests too deeply to compile"
                      + " (a chain of lets or values that refer to each other is too long).")
              .withHelp(
                  "Flatten the chain, e.g. build a list with `range()` instead of one let per element."));
      ir = Optional.empty();
    } catch (RuntimeException e) {
      internal(sink, program, e);
      ir = Optional.empty();
    }
    return analysis(ir, sink, loader, program, fallbackRoot, symbols, values);
  }

  private static Analysis analysis(
      Optional<IrConfig> ir,
      DiagnosticSink sink,
      Loader loader,
      Program program,
      Path fallbackRoot,
      Symbols symbols,
      KnownValues values) {
    // The loader's sources: the program's files and the .poolvars files read after them.
    List<SourceFile> sources = program == null ? List.of() : loader.sources();
    Path root = program == null ? fallbackRoot : program.root();
    Compilation c = new Compilation(ir, dedupe(sink.sorted()), sources, root);
    if (program == null) return new Analysis(c, List.of(), List.of(), symbols, values);
    return new Analysis(c, program.all(), program.links(), symbols, values);
  }

  /**
   * The names of a program with syntax errors, resolved as far as recovery left it; the diagnostics
   * of this pass are dropped (they would be echoes of the syntax errors).
   */
  private static Symbols namesOnly(Program program) {
    try {
      return Resolver.resolve(program, new DiagnosticSink()).symbols();
    } catch (RuntimeException | StackOverflowError e) {
      return Symbols.EMPTY;
    }
  }

  /** One diagnostic for a bug in the compiler, placed at the start of the first file. */
  private static void internal(DiagnosticSink sink, Program program, Throwable e) {
    SourceFile f =
        program != null && !program.sources().isEmpty()
            ? program.sources().get(0)
            : SourceFile.of("<input>", "");
    String what =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    sink.report(
        Diagnostic.of(Code.E0100, new Span(f, 0, 0), "Internal compiler error: " + what + ".")
            .withHelp(
                "This is a bug in Poolform; please report it with the input that caused it."));
  }

  /**
   * Drops repeats of a diagnostic (same code and span): a template's error is found once per pool
   * that uses it, but is one root cause.
   */
  private static List<Diagnostic> dedupe(List<Diagnostic> sorted) {
    List<Diagnostic> out = new ArrayList<>(sorted.size());
    Set<String> seen = new HashSet<>();
    for (Diagnostic d : sorted) {
      String key =
          d.code()
              + "@"
              + d.span().file().displayPath()
              + ":"
              + d.span().start()
              + ":"
              + d.span().end();
      if (seen.add(key)) out.add(d);
    }
    return out;
  }

  /** For tests: the units of a program, in order. */
  static List<SourceUnit> units(Program p) {
    return p.all();
  }
}
