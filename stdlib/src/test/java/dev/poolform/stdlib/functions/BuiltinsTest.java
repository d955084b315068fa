package dev.poolform.stdlib.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.functions.CallResult.Kind;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltinsTest {
  static final FunctionContext CTX =
      new FunctionContext() {
        @Override
        public Optional<String> env(String name) {
          return name.equals("HOME") ? Optional.of("/home/u") : Optional.empty();
        }

        @Override
        public FileContent readFile(String path) {
          return path.equals("init.sh")
              ? FileContent.ok("#!/bin/sh\n")
              : FileContent.failed("no such file");
        }
      };

  static Value s(String v) {
    return new StringValue(v);
  }

  static Value i(long v) {
    return new IntValue(v);
  }

  static Value list(Value... vs) {
    return new ListValue(Arrays.asList(vs));
  }

  static CallResult call(String fn, Value... args) {
    return Builtins.lookup(fn).orElseThrow().call(List.of(args), CTX);
  }

  static Value ok(String fn, Value... args) {
    CallResult r = call(fn, args);
    assertThat(r).isInstanceOf(CallResult.Ok.class);
    return ((CallResult.Ok) r).value();
  }

  static Kind failure(String fn, Value... args) {
    CallResult r = call(fn, args);
    assertThat(r).isInstanceOf(CallResult.Failure.class);
    return ((CallResult.Failure) r).kind();
  }

  @Test
  void env() {
    assertThat(ok("env", s("HOME"))).isEqualTo(s("/home/u"));
    assertThat(ok("env", s("NOPE"), s("d"))).isEqualTo(s("d"));
    assertThat(failure("env", s("NOPE"))).isEqualTo(Kind.ENV_MISSING);
  }

  @Test
  void file() {
    assertThat(ok("file", s("init.sh"))).isEqualTo(s("#!/bin/sh\n"));
    assertThat(failure("file", s("missing.sh"))).isEqualTo(Kind.FILE);
  }

  @Test
  void arityAndTypesNameTheSignature() {
    CallResult r = call("upper", i(1));
    assertThat(r).isInstanceOf(CallResult.Failure.class);
    assertThat(((CallResult.Failure) r).message()).contains("upper(string) -> string");
    assertThat(((CallResult.Failure) r).argument()).isEqualTo(0);
    CallResult a = call("lookup", MapValue.EMPTY);
    assertThat(((CallResult.Failure) a).kind()).isEqualTo(Kind.ARGUMENTS);
    assertThat(((CallResult.Failure) a).message()).contains("2 or 3 arguments");
  }

  @Test
  void collections() {
    assertThat(ok("concat", list(i(1)), list(i(2), i(3)))).isEqualTo(list(i(1), i(2), i(3)));
    MapValue a = MapValue.of(Map.of("x", i(1), "y", i(2)));
    MapValue b = MapValue.of(Map.of("y", i(3)));
    assertThat(ok("merge", a, b)).isEqualTo(MapValue.of(Map.of("x", i(1), "y", i(3))));
    assertThat(ok("length", a)).isEqualTo(i(2));
    assertThat(ok("length", s("héllo"))).isEqualTo(i(5));
    assertThat(ok("length", list(i(1)))).isEqualTo(i(1));
    assertThat(ok("keys", a)).isEqualTo(list(s("x"), s("y")));
    assertThat(ok("values", a)).isEqualTo(list(i(1), i(2)));
    assertThat(ok("contains", list(i(1), i(2)), i(2))).isEqualTo(BoolValue.TRUE);
    assertThat(ok("contains", list(i(1)), new NumberValue(1.0))).isEqualTo(BoolValue.TRUE);
    assertThat(ok("contains", a, s("z"))).isEqualTo(BoolValue.FALSE);
    assertThat(ok("contains", s("abc"), s("bc"))).isEqualTo(BoolValue.TRUE);
    assertThat(ok("lookup", a, s("x"))).isEqualTo(i(1));
    assertThat(ok("lookup", a, s("z"), i(9))).isEqualTo(i(9));
    assertThat(failure("lookup", a, s("z"))).isEqualTo(Kind.INDEX);
  }

  @Test
  void strings() {
    assertThat(ok("upper", s("ab"))).isEqualTo(s("AB"));
    assertThat(ok("lower", s("AB"))).isEqualTo(s("ab"));
    assertThat(ok("join", s("-"), list(s("a"), s("b")))).isEqualTo(s("a-b"));
    assertThat(ok("split", s(","), s("a,,b"))).isEqualTo(list(s("a"), s(""), s("b")));
    assertThat(ok("replace", s("a.b.c"), s("."), s("-"))).isEqualTo(s("a-b-c"));
    assertThat(failure("replace", s("a"), s(""), s("x"))).isEqualTo(Kind.ARGUMENTS);
    assertThat(ok("format", s("%s-%d %v %%"), s("web"), i(3), list(s("a"))))
        .isEqualTo(s("web-3 [\"a\"] %"));
    assertThat(ok("format", s("%v"), s("x"))).isEqualTo(s("x"));
    assertThat(failure("format", s("%d"), s("x"))).isEqualTo(Kind.ARGUMENTS);
    assertThat(failure("format", s("%s %s"), s("x"))).isEqualTo(Kind.ARGUMENTS);
    assertThat(failure("format", s("%s"), s("x"), s("y"))).isEqualTo(Kind.ARGUMENTS);
    assertThat(failure("format", s("%q"), s("x"))).isEqualTo(Kind.ARGUMENTS);
    assertThat(ok("sha256", s("abc")))
        .isEqualTo(s("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    assertThat(ok("base64", s("hello"))).isEqualTo(s("aGVsbG8="));
  }

  @Test
  void secretsStaySecret() {
    assertThat(ok("secret", s("pw"))).isEqualTo(new SecretValue("pw"));
    assertThat(ok("upper", new SecretValue("pw"))).isEqualTo(new SecretValue("PW"));
    assertThat(ok("base64", new SecretValue("pw"))).isInstanceOf(SecretValue.class);
    assertThat(ok("format", s("x=%s"), new SecretValue("pw"))).isEqualTo(new SecretValue("x=pw"));
    // A plain SHA-256 of a secret is exactly what lets anyone test guesses offline.
    assertThat(ok("sha256", new SecretValue("abc"))).isInstanceOf(SecretValue.class);
    assertThat(ok("join", s(","), list(s("a"), new SecretValue("b"))))
        .isEqualTo(new SecretValue("a,b"));
    assertThat(ok("env", s("NOPE"), new SecretValue("d"))).isEqualTo(new SecretValue("d"));
    MapValue withSecret = MapValue.of(Map.of("k", new SecretValue("v")));
    assertThat(ok("lookup", withSecret, s("k"))).isEqualTo(new SecretValue("v"));
    assertThat(ok("length", list(new SecretValue("a"), new SecretValue("bc")))).isEqualTo(i(2));
  }

  /** Whatever a call would give away about a secret: refused, and the message never quotes it. */
  @Test
  void callsThatWouldRevealASecretAreRefused() {
    Value pw = new SecretValue("hunter2");
    MapValue m = MapValue.of(Map.of("x", i(1)));
    List<List<Value>> calls =
        List.of(
            List.of(s("env"), pw),
            List.of(s("file"), pw),
            List.of(s("lookup"), m, pw),
            List.of(s("lookup"), m, pw, i(0)),
            List.of(s("length"), pw),
            List.of(s("contains"), pw, s("hunt")),
            List.of(s("contains"), s("hunter2!"), pw),
            List.of(s("contains"), list(pw), s("hunter2")),
            List.of(s("contains"), MapValue.of(Map.of("k", pw)), s("k")),
            List.of(s("split"), s("t"), pw),
            List.of(s("split"), pw, s("a,b")),
            List.of(s("format"), pw));
    for (List<Value> c : calls) {
      String fn = ((StringValue) c.get(0)).value();
      CallResult r = call(fn, c.subList(1, c.size()).toArray(Value[]::new));
      assertThat(r).as(fn).isInstanceOf(CallResult.Failure.class);
      CallResult.Failure f = (CallResult.Failure) r;
      assertThat(f.kind()).as(fn).isEqualTo(Kind.SECRET);
      assertThat(f.message()).as(fn).doesNotContain("hunter2");
      assertThat(c.get(f.argument() + 1)).as(fn).satisfies(v -> SecretValue.within(v));
    }
  }

  @Test
  void minMax() {
    assertThat(ok("min", i(3), i(1), i(2))).isEqualTo(i(1));
    assertThat(ok("max", list(i(3), i(7)))).isEqualTo(i(7));
    assertThat(ok("max", i(1), new NumberValue(0.5))).isEqualTo(new NumberValue(1));
    assertThat(ok("max", new DurationValue(1000), new DurationValue(60000)))
        .isEqualTo(new DurationValue(60000));
    assertThat(failure("min", i(1), new DurationValue(1))).isEqualTo(Kind.ARGUMENTS);
    assertThat(failure("min", list())).isEqualTo(Kind.ARGUMENTS);
  }

  @Test
  void range() {
    assertThat(ok("range", i(3))).isEqualTo(list(i(0), i(1), i(2)));
    assertThat(ok("range", i(1), i(7), i(3))).isEqualTo(list(i(1), i(4)));
    assertThat(ok("range", i(3), i(0), i(-1))).isEqualTo(list(i(3), i(2), i(1)));
    assertThat(ok("range", i(3), i(0))).isEqualTo(list());
    assertThat(failure("range", i(0), i(5), i(0))).isEqualTo(Kind.ARGUMENTS);
    assertThat(failure("range", i(Long.MIN_VALUE), i(Long.MAX_VALUE))).isEqualTo(Kind.LIMIT);
    assertThat(failure("range", i(Limits.MAX_COLLECTION + 1L))).isEqualTo(Kind.LIMIT);
  }

  @Test
  void namesAreSortedForSuggestions() {
    assertThat(Builtins.names()).contains("env", "file", "secret", "base64").isSorted();
  }

  @Test
  void everyFunctionIsDocumented() {
    for (String n : Builtins.names()) {
      assertThat(Builtins.lookup(n).orElseThrow().doc()).as(n).isNotBlank().endsWith(".");
    }
  }
}
