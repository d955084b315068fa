package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * Routes a request that passed the front door ({@link ArmHttp}) to what serves it: the scale set
 * lists (paged with {@code nextLink}), operation polls ({@link Operations}), the Virtual Machines
 * API of Flexible scale sets ({@link VirtualMachinesApi}), one scale set's GET/PUT/PATCH/DELETE and
 * its instances and actions ({@link ScaleSetWrites}), and {@code rollingUpgrades/latest}. Called
 * under the emulator's lock.
 */
final class Router {
  private final ArmEmulator arm;
  private final Operations operations;
  private final ScaleSetWrites writes;

  Router(ArmEmulator arm, Operations operations, ScaleSetWrites writes) {
    this.arm = arm;
    this.operations = operations;
    this.writes = writes;
  }

  Reply route(String method, String path, Map<String, String> q, JsonNode body) {
    long now = System.currentTimeMillis();
    Matcher m = ArmPaths.LIST_ALL.matcher(path);
    if (m.matches() && method.equals("GET")) return list(path, q, s -> true);
    m = ArmPaths.LIST_RG.matcher(path);
    if (m.matches() && method.equals("GET")) {
      String rg = m.group(2);
      return list(path, q, s -> s.resourceGroup.equalsIgnoreCase(rg));
    }
    m = ArmPaths.OPERATION.matcher(path);
    if (m.matches() && method.equals("GET"))
      return operations.poll(m.group(3), q.containsKey("monitor"), path, q);
    m = ArmPaths.VM_LIST_ALL.matcher(path);
    if (m.matches() && method.equals("GET")) {
      List<EmulatedScaleSet> all = new ArrayList<>();
      for (EmulatedScaleSet s : arm.scaleSets.values())
        if (ArmPaths.subscription(s.id).equalsIgnoreCase(m.group(1))) all.add(s);
      return Reply.of(200, VirtualMachinesApi.listAll(all, arm.endpoint(), path, q, arm.pageSize));
    }
    m = ArmPaths.VM_LIST.matcher(path);
    if (m.matches() && method.equals("GET")) {
      return Reply.of(
          200,
          VirtualMachinesApi.list(
              arm.inGroup(m.group(1), m.group(2)), arm.endpoint(), path, q, arm.pageSize));
    }
    m = ArmPaths.VM_ONE.matcher(path);
    if (m.matches())
      return virtualMachine(
          method,
          m.group(1),
          m.group(2),
          URLDecoder.decode(m.group(3), StandardCharsets.UTF_8),
          q,
          now);
    m = ArmPaths.ONE.matcher(path);
    if (!m.matches())
      throw new ArmError(
          404,
          "NoRegisteredProviderFound",
          null,
          "No registered resource provider found for " + path + ".");
    String sub = m.group(1);
    String rg = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
    String name = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
    String rest = m.group(4) == null ? "" : m.group(4);
    String id = ArmPaths.id(sub, rg, name);
    EmulatedScaleSet s = arm.scaleSets.get(id.toLowerCase(Locale.ROOT));
    if (rest.isEmpty()) return scaleSet(method, rg, name, id, s, q, body, now);
    if (s == null) throw ArmError.notFound("Microsoft.Compute/virtualMachineScaleSets/" + name);
    return subResource(method, path, rest, s, q, body, now);
  }

  /** The scale set itself. */
  private Reply scaleSet(
      String method,
      String rg,
      String name,
      String id,
      EmulatedScaleSet s,
      Map<String, String> q,
      JsonNode body,
      long now) {
    switch (method) {
      case "GET":
        if (s == null) throw ArmError.notFound("Microsoft.Compute/virtualMachineScaleSets/" + name);
        return Reply.of(200, s.render(q.getOrDefault("$expand", "").equalsIgnoreCase("userData")));
      case "PUT":
        return writes.put(rg, name, id, s, body, now);
      case "PATCH":
        if (s == null) throw ArmError.notFound("Microsoft.Compute/virtualMachineScaleSets/" + name);
        return writes.patch(s, body, now);
      case "DELETE":
        if (s == null) return Reply.of(204, null);
        return writes.delete(s, now);
      default:
        throw new ArmError(405, "MethodNotAllowed", null, "The HTTP method is not supported.");
    }
  }

  /** Instances (Uniform only), actions and the rolling upgrade of an existing scale set. */
  private Reply subResource(
      String method,
      String path,
      String rest,
      EmulatedScaleSet s,
      Map<String, String> q,
      JsonNode body,
      long now) {
    String r = rest.toLowerCase(Locale.ROOT);
    if (s.flexible() && (r.equals("/virtualmachines") || r.startsWith("/virtualmachines/"))) {
      throw VirtualMachinesApi.refuseScaleSetVmApi(s.name, method);
    }
    if (r.equals("/virtualmachines") && method.equals("GET")) return listVms(s, path, q);
    if (r.startsWith("/virtualmachines/")) {
      String instanceId =
          URLDecoder.decode(rest.substring("/virtualMachines/".length()), StandardCharsets.UTF_8);
      EmulatedVm vm = s.vms.get(instanceId);
      String expand = q.getOrDefault("$expand", "");
      if (method.equals("GET")) {
        if (vm == null)
          throw ArmError.notFound(
              "Microsoft.Compute/virtualMachineScaleSets/"
                  + s.name
                  + "/virtualMachines/"
                  + instanceId);
        return Reply.of(
            200,
            s.renderVm(
                vm, expand.equalsIgnoreCase("instanceView"), expand.equalsIgnoreCase("userData")));
      }
      if (method.equals("DELETE")) {
        if (vm == null || vm.deleting()) return Reply.of(204, null);
        writes.deleteInstances(s, List.of(instanceId), now);
        return operations.accepted(s, "DeleteVM", now);
      }
    }
    if (method.equals("POST")) {
      switch (r) {
        case "/delete":
          return writes.deleteInstances(s, body, now);
        case "/manualupgrade":
          return writes.manualUpgrade(s, body, now);
        case "/osrollingupgrade":
          return writes.osRollingUpgrade(s, now);
        case "/rollingupgrades/cancel":
          return writes.cancelRollingUpgrade(s, now);
        default:
          break;
      }
    }
    if (r.equals("/rollingupgrades/latest") && method.equals("GET")) {
      if (s.rollingUpgrade == null)
        throw new ArmError(
            404,
            "NotFound",
            null,
            "No rolling upgrade has been run on scale set '" + s.name + "'.");
      return Reply.of(200, s.renderRollingUpgrade(s.rollingUpgrade));
    }
    throw new ArmError(
        404, "NoRegisteredProviderFound", null, "No route for " + method + " " + path + ".");
  }

  /** GET (optionally {@code $expand=instanceView}) or DELETE of one VM of a Flexible scale set. */
  private Reply virtualMachine(
      String method, String sub, String rg, String vmName, Map<String, String> q, long now) {
    var found = VirtualMachinesApi.find(arm.inGroup(sub, rg), vmName);
    if (method.equals("GET")) {
      var f =
          found.orElseThrow(() -> ArmError.notFound("Microsoft.Compute/virtualMachines/" + vmName));
      return Reply.of(
          200,
          VirtualMachinesApi.render(
              f.getKey(),
              f.getValue(),
              q.getOrDefault("$expand", "").equalsIgnoreCase("instanceView")));
    }
    if (method.equals("DELETE")) {
      if (found.isEmpty() || found.get().getValue().deleting()) return Reply.of(204, null);
      // Deleting a Flexible scale set's VM shrinks the scale set, like the batch delete.
      writes.deleteInstances(found.get().getKey(), List.of(found.get().getValue().instanceId), now);
      return operations.accepted(found.get().getKey(), "DeleteVirtualMachine", now);
    }
    throw new ArmError(405, "MethodNotAllowed", null, "The HTTP method is not supported.");
  }

  private Reply list(String path, Map<String, String> q, Predicate<EmulatedScaleSet> filter) {
    List<EmulatedScaleSet> all = new ArrayList<>();
    for (EmulatedScaleSet s : arm.scaleSets.values()) if (filter.test(s)) all.add(s);
    all.sort((a, b) -> a.id.compareToIgnoreCase(b.id));
    int from = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
    int to = Math.min(all.size(), from + arm.pageSize);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode value = out.putArray("value");
    for (int i = from; i < to; i++) value.add(all.get(i).render(false));
    if (to < all.size()) out.put("nextLink", nextLink(path, q, to));
    return Reply.of(200, out);
  }

  private Reply listVms(EmulatedScaleSet s, String path, Map<String, String> q) {
    List<EmulatedVm> vms = new ArrayList<>(s.vms.values());
    boolean instanceView = q.getOrDefault("$expand", "").equalsIgnoreCase("instanceView");
    int from = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
    int to = Math.min(vms.size(), from + arm.pageSize);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode value = out.putArray("value");
    for (int i = from; i < to; i++) value.add(s.renderVm(vms.get(i), instanceView, false));
    if (to < vms.size())
      out.put("nextLink", nextLink(path, q, to) + (instanceView ? "&$expand=instanceView" : ""));
    return Reply.of(200, out);
  }

  private String nextLink(String path, Map<String, String> q, int skip) {
    return arm.endpoint()
        + path.substring(1)
        + "?api-version="
        + q.get("api-version")
        + "&$skiptoken="
        + skip;
  }
}
