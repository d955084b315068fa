package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Virtual Machines API ({@code Microsoft.Compute/virtualMachines}) as far as it concerns the
 * machines of Flexible scale sets, which real ARM serves only there: the VMSS-VM endpoints ({@code
 * virtualMachineScaleSets/NAME/virtualMachines}) refuse Flexible scale sets (see {@link
 * #refuseScaleSetVmApi}).
 *
 * <p>{@code VirtualMachines_List} by resource group takes {@code
 * $filter='virtualMachineScaleSet/id' eq '<scale set id>'} (the only filter the spec allows) and
 * {@code $expand=instanceView} (only together with a filter, as the spec's parameter text says);
 * pages carry a {@code nextLink} with the filter URL-encoded. A VM is the scale set's instance
 * rendered as a standalone VM resource: {@code properties.virtualMachineScaleSet.id}, {@code
 * hardwareProfile.vmSize}, the storage, OS and network profiles it was built with, {@code
 * provisioningState}, {@code timeCreated} and, expanded, the instance view's {@code
 * ProvisioningState/...} and {@code PowerState/...} statuses. There is no {@code
 * latestModelApplied}: a standalone VM resource has none.
 */
final class VirtualMachinesApi {
  static final Pattern FILTER =
      Pattern.compile(
          "\\s*'virtualMachineScaleSet/id'\\s+eq\\s+'([^']+)'\\s*", Pattern.CASE_INSENSITIVE);

  private VirtualMachinesApi() {}

  /**
   * The VMSS-VM endpoints on a Flexible scale set. Real ARM answers {@code OperationNotAllowed}
   * with this message (as reported by the Kubernetes Azure cloud provider, kubernetes#91096); the
   * HTTP status 409 is our assumption (it is ARM's status for {@code OperationNotAllowed}
   * elsewhere).
   */
  static ArmError refuseScaleSetVmApi(String scaleSetName, String method) {
    return new ArmError(
        409,
        "OperationNotAllowed",
        null,
        "Operation 'VirtualMachineScaleSets.virtualMachines."
            + method
            + "' is not allowed on Virtual Machine Scale Set '"
            + scaleSetName
            + "'.");
  }

  /** The one page of a VM list that {@code $skiptoken} asks for. */
  static ObjectNode list(
      Collection<EmulatedScaleSet> inGroup,
      String endpoint,
      String path,
      Map<String, String> q,
      int pageSize) {
    String filter = q.get("$filter");
    boolean instanceView = q.getOrDefault("$expand", "").equalsIgnoreCase("instanceView");
    String scaleSetId = null;
    if (filter != null) {
      Matcher m = FILTER.matcher(filter);
      if (!m.matches()) {
        throw ArmError.invalid(
            "$filter",
            "The value of parameter $filter is invalid. Allowed value is "
                + "'virtualMachineScaleSet/id' eq '/subscriptions/{subId}/resourceGroups/{resourceGroupName}/providers/"
                + "Microsoft.Compute/virtualMachineScaleSets/{vmssName}'.");
      }
      scaleSetId = m.group(1);
    } else if (instanceView) {
      throw ArmError.invalid(
          "$expand",
          "The $expand=instanceView option can only be specified together with a valid $filter option.");
    }
    List<ObjectNode> all = new ArrayList<>();
    for (EmulatedScaleSet s : inGroup) {
      if (!s.flexible() || (scaleSetId != null && !s.id.equalsIgnoreCase(scaleSetId))) continue;
      for (EmulatedVm vm : s.vms.values()) all.add(render(s, vm, instanceView));
    }
    int from = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
    int to = Math.min(all.size(), from + pageSize);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode value = out.putArray("value");
    for (int i = from; i < to; i++) value.add(all.get(i));
    if (to < all.size()) {
      StringBuilder next =
          new StringBuilder(endpoint)
              .append(path.substring(1))
              .append("?api-version=")
              .append(q.get("api-version"))
              .append("&$skiptoken=")
              .append(to);
      if (filter != null)
        next.append("&$filter=")
            .append(URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
      if (instanceView) next.append("&$expand=instanceView");
      out.put("nextLink", next.toString());
    }
    return out;
  }

  /**
   * {@code VirtualMachines_ListAll}: the subscription's VMs, paged. With {@code statusOnly=true}
   * ("enables fetching run time status of all Virtual Machines in the subscription",
   * ComputeRP.json) each VM carries its instance view and no model; what else ARM puts in such an
   * answer is not published, so the emulator gives only id, name, type, location, {@code vmId},
   * {@code provisioningState} and the instance view, and a client must join it with a model list by
   * id.
   */
  static ObjectNode listAll(
      Collection<EmulatedScaleSet> inSubscription,
      String endpoint,
      String path,
      Map<String, String> q,
      int pageSize) {
    boolean statusOnly = q.getOrDefault("statusOnly", "").equalsIgnoreCase("true");
    List<ObjectNode> all = new ArrayList<>();
    for (EmulatedScaleSet s : inSubscription) {
      if (!s.flexible()) continue;
      for (EmulatedVm vm : s.vms.values()) {
        ObjectNode full = render(s, vm, statusOnly);
        if (statusOnly) {
          ObjectNode props = (ObjectNode) full.get("properties");
          props.retain("vmId", "provisioningState", "instanceView");
          full.retain("id", "name", "type", "location", "properties");
        }
        all.add(full);
      }
    }
    int from = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
    int to = Math.min(all.size(), from + pageSize);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode value = out.putArray("value");
    for (int i = from; i < to; i++) value.add(all.get(i));
    if (to < all.size()) {
      out.put(
          "nextLink",
          endpoint
              + path.substring(1)
              + "?api-version="
              + q.get("api-version")
              + "&$skiptoken="
              + to
              + (statusOnly ? "&statusOnly=true" : ""));
    }
    return out;
  }

  /**
   * The scale set and VM a VM name belongs to, among the Flexible scale sets of a resource group.
   */
  static Optional<Map.Entry<EmulatedScaleSet, EmulatedVm>> find(
      Collection<EmulatedScaleSet> inGroup, String vmName) {
    for (EmulatedScaleSet s : inGroup) {
      if (!s.flexible()) continue;
      for (EmulatedVm vm : s.vms.values()) {
        if (vm.instanceId.equalsIgnoreCase(vmName)) return Optional.of(Map.entry(s, vm));
      }
    }
    return Optional.empty();
  }

  static String id(EmulatedScaleSet s, EmulatedVm vm) {
    String prefix = s.id.substring(0, s.id.toLowerCase(Locale.ROOT).indexOf("/providers/"));
    return prefix + "/providers/Microsoft.Compute/virtualMachines/" + vm.instanceId;
  }

  /** A Flexible scale set's instance as a standalone VM resource. */
  static ObjectNode render(EmulatedScaleSet s, EmulatedVm vm, boolean instanceView) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", vm.instanceId);
    out.put("id", id(s, vm));
    out.put("type", "Microsoft.Compute/virtualMachines");
    out.put("location", s.body.path("location").asText());
    if (vm.zone != null) out.putArray("zones").add(vm.zone);
    ObjectNode props = out.putObject("properties");
    props.put("vmId", vm.vmId);
    props.putObject("hardwareProfile").put("vmSize", vm.model.path("skuName").asText());
    ObjectNode built = s.renderVm(vm, false, false);
    ObjectNode builtProps = (ObjectNode) built.get("properties");
    props.set("storageProfile", builtProps.get("storageProfile"));
    ObjectNode os = (ObjectNode) builtProps.get("osProfile").deepCopy();
    props.set("osProfile", os);
    ObjectNode net = props.putObject("networkProfile");
    ArrayNode nics = net.putArray("networkInterfaces");
    for (var nic :
        vm.model.path("profile").path("networkProfile").path("networkInterfaceConfigurations")) {
      ObjectNode ref = nics.addObject();
      ref.put(
          "id",
          out.path("id")
              .asText()
              .replace(
                  "/Microsoft.Compute/virtualMachines/" + vm.instanceId,
                  "/Microsoft.Network/networkInterfaces/"
                      + vm.instanceId
                      + "-"
                      + nic.path("name").asText()));
      ref.putObject("properties")
          .put("primary", nic.path("properties").path("primary").asBoolean(true))
          .put("deleteOption", "Delete");
    }
    if (net.path("networkInterfaces").isEmpty()) net.remove("networkInterfaces");
    String apiVersion =
        vm.model.path("profile").path("networkProfile").path("networkApiVersion").asText("");
    if (!apiVersion.isEmpty()) net.put("networkApiVersion", apiVersion);
    props.put("provisioningState", vm.provisioningState);
    props.putObject("virtualMachineScaleSet").put("id", s.id);
    String priority = vm.model.path("profile").path("priority").asText("");
    if (!priority.isEmpty()) props.put("priority", priority);
    if (instanceView)
      props.set("instanceView", instanceView(vm, os.path("computerName").asText(), s.arm));
    props.put("timeCreated", java.time.Instant.ofEpochMilli(vm.createdAt).toString());
    return out;
  }

  /**
   * A VM instance view as {@code VirtualMachine_Get_InstanceView} shows it (the parts modelled).
   */
  static ObjectNode instanceView(EmulatedVm vm, String computerName, ArmEmulator arm) {
    ObjectNode iv = JsonNodeFactory.instance.objectNode();
    ObjectNode health = AppHealth.vmHealth(vm, arm.application, System.currentTimeMillis());
    if (health != null) iv.set("vmHealth", health);
    iv.put("computerName", computerName);
    iv.put("osName", "ubuntu");
    iv.put("osVersion", "24.04");
    ArrayNode statuses = iv.putArray("statuses");
    ObjectNode ps = statuses.addObject();
    ps.put("code", "ProvisioningState/" + vm.provisioningState.toLowerCase(Locale.ROOT));
    ps.put("level", "Failed".equals(vm.provisioningState) ? "Error" : "Info");
    ps.put("displayStatus", "Provisioning " + vm.provisioningState.toLowerCase(Locale.ROOT));
    if ("Succeeded".equals(vm.provisioningState))
      ps.put("time", java.time.Instant.ofEpochMilli(vm.succeededAt).toString());
    ObjectNode power = statuses.addObject();
    String powerState =
        "Succeeded".equals(vm.provisioningState)
            ? "running"
            : vm.deleting() ? "stopped" : "starting";
    power.put("code", "PowerState/" + powerState);
    power.put("level", "Info");
    power.put("displayStatus", "VM " + powerState);
    return iv;
  }
}
