package dev.poolform.compiler.check;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.eval.EBody;
import dev.poolform.compiler.eval.EvaluatedCloud;
import dev.poolform.compiler.eval.Evaluation;
import dev.poolform.compiler.eval.PoolInstance;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.rollout.RolloutMapping;
import dev.poolform.source.Span;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.CloudRules;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.Optional;

/**
 * Checks evaluated clouds and pools against the schemas and the per-cloud rules. Plain loops and
 * ifs, no lambdas or streams: this is on every compilation's start path (see {@code Loader}).
 */
public final class Checker {
  private final DiagnosticSink sink;
  private final SchemaWalker walker;

  private Checker(DiagnosticSink sink) {
    this.sink = sink;
    this.walker = new SchemaWalker(sink);
  }

  public static void check(Evaluation ev, DiagnosticSink sink) {
    Checker c = new Checker(sink);
    for (EvaluatedCloud cloud : ev.clouds()) c.cloud(cloud);
    for (PoolInstance p : ev.pools()) c.pool(p);
    PoolGraph.check(ev.pools(), sink);
  }

  private void cloud(EvaluatedCloud c) {
    String kind = c.decl().kind().name();
    Optional<BlockSchema> schema = Schemas.cloud(kind);
    if (schema.isEmpty()) {
      Diagnostic d =
          Diagnostic.of(
              Code.E0401,
              c.decl().kind().span(),
              "Unknown cloud kind `" + kind + "`; expected `aws`, `azure` or `local`.");
      sink.report(Suggest.suggest(d, kind, Schemas.CLOUD_KINDS, c.decl().kind().span()));
      return;
    }
    walker.walk(c.body(), schema.get(), "", c.decl().name().span(), null);
    if (kind.equals("aws")
        && c.body().get("region") instanceof EBody.Attr r
        && r.value() instanceof StringValue s) {
      reject(CloudRules.awsRegion(s.value()), Code.E0401, r.valueSpan());
    }
  }

  private void pool(PoolInstance p) {
    String kind = p.cloud() == null ? null : p.cloud().kind();
    boolean known = kind != null && Schemas.machine(kind).isPresent();
    BlockSchema schema = known ? Schemas.pool(kind) : Schemas.PORTABLE_POOL;
    walker.walk(p.body(), schema, "", p.nameSpan(), known ? null : "machine", p.complete());
    capacity(p);
    rollout(p, known ? kind : null);
    labels(p, known ? kind : null);
    if (!known) return;
    Optional<String> badName = CloudRules.poolName(kind, p.name());
    if (badName.isPresent()) {
      sink.report(
          Diagnostic.of(
              Code.E0404,
              p.nameSpan(),
              "Pool name `" + p.name() + "` is invalid on " + kind + ": " + badName.get() + "."));
    }
    EBody cap = block(p.body(), "capacity");
    EBody.Attr max = cap == null ? null : intAttr(cap, "max");
    if (max != null) {
      reject(
          CloudRules.maxMachines(kind, ((IntValue) max.value()).value()),
          Code.E0401,
          max.valueSpan());
    }
    EBody machine = block(p.body(), "machine");
    if (machine == null) return;
    if (machine.get("image") instanceof EBody.Attr a && a.value() instanceof StringValue s) {
      reject(CloudRules.image(kind, s.value()), Code.E0405, a.valueSpan());
    }
    if (machine.get("zones") instanceof EBody.Attr a && a.value() instanceof ListValue zones) {
      String region =
          p.cloud().settings().entries().get("region") instanceof StringValue r ? r.value() : null;
      for (Value z : zones.items()) {
        if (!(z instanceof StringValue zs)) continue;
        Optional<String> why = CloudRules.zone(kind, zs.value(), region);
        if (why.isPresent()) {
          sink.report(Diagnostic.of(Code.E0406, a.valueSpan(), capital(why.get()) + "."));
          break;
        }
      }
    }
    machineLimits(machine, kind);
    if (kind.equals("aws")
        && allKnown(machine, Schemas.AWS_MACHINE)
        && machine.get("subnets") == null
        && machine.get("zones") == null) {
      EBody.Item m = p.body().get("machine");
      sink.report(
          Diagnostic.of(
                  Code.E0303, m.nameSpan(), "An AWS `machine` block needs `subnets` or `zones`.")
              .withHelp(
                  "Give the VPC subnet ids, e.g. `subnets = [\"subnet-0abc\"]`, or availability zones."));
    }
    if (kind.equals("azure")
        && allKnown(machine, Schemas.AZURE_MACHINE)
        && machine.get("subnet") == null
        && p.body().get("capi") == null) {
      // ARM refuses a scale set whose machines have no network interface, and Poolform creates no
      // network. A pool written for Cluster API may leave it out: CAPZ uses the cluster's subnet.
      EBody.Item m = p.body().get("machine");
      sink.report(
          Diagnostic.of(
                  Code.E0303,
                  m.nameSpan(),
                  "An Azure `machine` block needs `subnet`: every machine needs a network"
                      + " interface, and Poolform creates no network of its own.")
              .withHelp(
                  "Give a subnet's resource id, `subnet = \"/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.Network/virtualNetworks/VNET/subnets/NAME\"`."));
    }
  }

  /** Reports {@code why} a value breaks a cloud's rule (CloudRules), when it does. */
  private void reject(Optional<String> why, Code code, Span at) {
    if (why.isPresent()) sink.report(Diagnostic.of(code, at, capital(why.get()) + "."));
  }

  /** Whether the schema knows every attribute and block of {@code machine}. */
  private static boolean allKnown(EBody machine, BlockSchema schema) {
    for (String n : machine.items().keySet()) {
      if (schema.attribute(n).isEmpty() && schema.block(n).isEmpty()) return false;
    }
    return true;
  }

  /** The cloud's limits on user data and the OS disk (CloudRules). */
  private void machineLimits(EBody machine, String kind) {
    if (machine.get("user_data") instanceof EBody.Attr a) {
      String text =
          a.value() instanceof StringValue s
              ? s.value()
              : a.value() instanceof SecretValue s ? s.value() : null;
      if (text != null) {
        reject(CloudRules.userData(kind, text), Code.E0401, a.valueSpan());
      }
    }
    EBody disk = block(machine, "disk");
    if (disk == null || !kind.equals("aws")) return;
    if (!(disk.get("type") instanceof EBody.Attr t && t.value() instanceof StringValue type)) {
      if (disk.get("iops") instanceof EBody.Attr i) {
        sink.report(
            Diagnostic.of(
                Code.E0401,
                i.valueSpan(),
                "`iops` applies only to volume types `io1`, `io2` and `gp3`; set `type`."));
      }
      return;
    }
    reject(CloudRules.osDiskType(kind, type.value()), Code.E0401, t.valueSpan());
    boolean hasIops = disk.get("iops") != null;
    if (CloudRules.awsIopsRequired(type.value()) && !hasIops) {
      sink.report(
          Diagnostic.of(
                  Code.E0303,
                  t.valueSpan(),
                  "AWS `" + type.value() + "` volumes need `iops` (provisioned IOPS).")
              .withHelp("Add e.g. `iops = 3000` to the `disk` block."));
    } else if (hasIops
        && !CloudRules.awsIopsAllowed(type.value())
        && disk.get("iops") instanceof EBody.Attr i) {
      sink.report(
          Diagnostic.of(
              Code.E0401,
              i.valueSpan(),
              "`iops` applies only to volume types `io1`, `io2` and `gp3`, not `"
                  + type.value()
                  + "`."));
    }
  }

  private void capacity(PoolInstance p) {
    EBody cap = block(p.body(), "capacity");
    if (cap == null) return;
    EBody.Attr min = intAttr(cap, "min");
    EBody.Attr max = intAttr(cap, "max");
    EBody.Attr desired =
        cap.get("desired") instanceof EBody.Attr d && d.value() instanceof IntValue ? d : null;
    long lo = min == null ? 0 : ((IntValue) min.value()).value();
    if (min != null && max != null && lo > ((IntValue) max.value()).value()) {
      sink.report(
          Diagnostic.of(
                  Code.E0402,
                  min.valueSpan(),
                  "`min` ("
                      + lo
                      + ") is greater than `max` ("
                      + ((IntValue) max.value()).value()
                      + ").")
              .withNote(max.valueSpan(), "`max` is set here"));
      return;
    }
    if (desired == null) return;
    long d = ((IntValue) desired.value()).value();
    if (min != null && d < lo) {
      sink.report(
          Diagnostic.of(
                  Code.E0402,
                  desired.valueSpan(),
                  "`desired` (" + d + ") is less than `min` (" + lo + ").")
              .withNote(min.valueSpan(), "`min` is set here"));
    } else if (max != null && d > ((IntValue) max.value()).value()) {
      sink.report(
          Diagnostic.of(
                  Code.E0402,
                  desired.valueSpan(),
                  "`desired` ("
                      + d
                      + ") is greater than `max` ("
                      + ((IntValue) max.value()).value()
                      + ").")
              .withNote(max.valueSpan(), "`max` is set here"));
    }
  }

  private void rollout(PoolInstance p, String kind) {
    EBody r = block(p.body(), "rollout");
    if (r == null) return;
    EBody.Attr surgeAttr = amountAttr(r, "max_surge");
    EBody.Attr unavailAttr = amountAttr(r, "max_unavailable");
    if (r.get("max_surge") != null && surgeAttr == null) return; // wrong type, reported
    if (r.get("max_unavailable") != null && unavailAttr == null) return;
    IrRollout rollout = IrRollout.of(r.toMap());
    if (rollout.maxSurge().isZero() && rollout.maxUnavailable().isZero()) {
      Span at =
          surgeAttr != null
              ? surgeAttr.valueSpan()
              : unavailAttr != null ? unavailAttr.valueSpan() : p.body().get("rollout").nameSpan();
      Diagnostic d =
          Diagnostic.of(
                  Code.E0403,
                  at,
                  "The rollout can make no progress: `max_surge` and"
                      + " `max_unavailable` are both zero.")
              .withHelp(
                  "Allow at least one extra machine (`max_surge = 1`) or one"
                      + " machine out of service (`max_unavailable = 1`).");
      if (surgeAttr != null && unavailAttr != null)
        d = d.withNote(unavailAttr.valueSpan(), "`max_unavailable` is set here");
      sink.report(d);
      return;
    }
    if (kind != null && r.get("alarms") instanceof EBody.Attr alarms) {
      for (RolloutMapping.Finding f : RolloutMapping.alarms(kind, rollout))
        sink.report(Diagnostic.of(Code.E0407, alarms.valueSpan(), f.message()));
    }
    if (kind == null
        || !(r.get("engine") instanceof EBody.Attr engine)
        || rollout.engine() != IrRollout.Engine.CLOUD) {
      return;
    }
    if (r.get("delete_order") instanceof EBody.Attr o
        && o.value() instanceof StringValue s
        && !Schemas.ROLLOUT.attribute("delete_order").get().allowed().contains(s.value())) {
      return; // reported as E0401; no mapping of an invalid value
    }
    EBody cap = block(p.body(), "capacity");
    IrCapacity capacity = IrCapacity.of(cap == null ? MapValue.EMPTY : cap.toMap());
    java.util.List<RolloutMapping.Finding> findings =
        new java.util.ArrayList<>(RolloutMapping.map(kind, rollout, capacity).findings());
    if (kind.equals("azure")) {
      Optional<RolloutMapping.Finding> f =
          RolloutMapping.azureOrchestration(rollout, azureFlexible(p));
      if (f.isPresent()) findings.add(f.get());
    }
    for (RolloutMapping.Finding f : findings) {
      Span at = r.get(f.attribute()) instanceof EBody.Attr a ? a.valueSpan() : engine.valueSpan();
      sink.report(Diagnostic.of(f.error() ? Code.E0407 : Code.W0502, at, f.message()));
    }
  }

  /** Whether an Azure pool's scale set is Flexible (the default orchestration). */
  private static boolean azureFlexible(PoolInstance p) {
    EBody machine = block(p.body(), "machine");
    return !(machine != null
        && machine.get("orchestration") instanceof EBody.Attr a
        && a.value() instanceof StringValue s
        && s.value().equals("uniform"));
  }

  private void labels(PoolInstance p, String kind) {
    if (p.body().get("labels") instanceof EBody.Attr a && a.value() instanceof MapValue m) {
      if (kind != null) {
        Optional<String> tooMany = CloudRules.labelCount(kind, m.entries().size());
        if (tooMany.isPresent()) {
          sink.report(Diagnostic.of(Code.E0401, a.valueSpan(), capital(tooMany.get()) + "."));
          return;
        }
      }
      for (var e : m.entries().entrySet()) {
        Value v = e.getValue();
        if (kind != null && v instanceof StringValue s) {
          Optional<String> why = CloudRules.label(kind, e.getKey(), s.value());
          if (why.isPresent()) {
            sink.report(Diagnostic.of(Code.E0401, a.valueSpan(), capital(why.get()) + "."));
            return;
          }
        }
      }
    }
  }

  private static EBody.Attr amountAttr(EBody b, String n) {
    return b.get(n) instanceof EBody.Attr a
            && (a.value() instanceof IntValue || a.value() instanceof PercentValue)
        ? a
        : null;
  }

  private static EBody.Attr intAttr(EBody b, String n) {
    return b.get(n) instanceof EBody.Attr a && a.value() instanceof IntValue ? a : null;
  }

  static EBody block(EBody b, String n) {
    return b.get(n) instanceof EBody.Block bl ? bl.body() : null;
  }

  static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
