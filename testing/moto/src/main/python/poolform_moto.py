"""moto 5.2.1's server plus the AWS behaviours Poolform's tests rely on and moto lacks.

Run exactly like moto's own server:  python3 poolform_moto.py -H 127.0.0.1 -p PORT

Everything below follows the AWS documentation cited beside each rule; nothing is Poolform-specific.
Where AWS does not publish a detail (an exact error message, a timing), the rule says what it assumes.
Behaviours that take time on AWS (instances terminating, groups being deleted, new resources becoming
visible) take no time here unless a test asks for it through the settings endpoint (item 0).

0. Settings: POST /poolform-moto/settings with a JSON object sets any of
   consistency_seconds (item 11), terminate_seconds and delete_seconds (item 9), impaired_images
   (item 12); GET returns them. POST /moto-api/reset also resets them.
1. Instance refresh (Auto Scaling StartInstanceRefresh, DescribeInstanceRefreshes,
   CancelInstanceRefresh), which moto answers with HTTP 500. Simulated with the "Rolling"
   strategy as AWS documents it:
   - only one active refresh per group; starting another fails with
     InstanceRefreshInProgress (HTTP 400);
   - MinHealthyPercentage 0..100 (default 90), MaxHealthyPercentage 100..200 (default 100),
     and their difference at most 100 (ValidationError otherwise);
   - the refresh's target is its DesiredConfiguration (a launch template version, or a mixed
     instances policy naming one) when given, else the group's current launch template version.
     Instances not launched from the target are replaced (SkipMatching=true), or every instance
     running when the refresh started (SkipMatching false). Replacement goes in batches: at most
     MaxHealthyPercentage of desired capacity exist at once, and at least MinHealthyPercentage
     stay in service. New instances launch from the target; the group itself is set to the
     desired configuration only when the refresh succeeds;
   - one batch per InstanceWarmup: the refresh advances when DescribeInstanceRefreshes is
     called and the warm-up (plus CheckpointDelay at a checkpoint) has passed since the last
     batch, so tests control time through the warm-up;
   - CancelInstanceRefresh marks the active refresh Cancelling, or fails with
     ActiveInstanceRefreshNotFound. AWS waits for in-flight launches and terminations before the
     refresh is Cancelled ("WaitForTransitioningInstances ... The default is true",
     https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CancelInstanceRefresh.html);
     here the next DescribeInstanceRefreshes finds it Cancelled. Meanwhile it is still active:
     a StartInstanceRefresh fails with InstanceRefreshInProgress ("Cancelling - An ongoing
     operation is being cancelled",
     https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstanceRefresh.html);
   - health (item 12) and AutoRollback: a batch whose new instances fail their health checks, or
     an alarm of the AlarmSpecification in ALARM, fails the refresh: without AutoRollback it ends
     Failed (instances replaced so far stay, the group keeps its configuration); with AutoRollback
     it goes RollbackInProgress and, at the next step, replaces the instances the refresh launched
     with ones from the configuration the group had when the refresh started, and ends
     RollbackSuccessful (AWS: "restores your Auto Scaling group to the configuration that it was
     using before the start of the instance refresh",
     https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-rollback.html). AWS
     accepts AutoRollback only with a DesiredConfiguration; so does this.
   moto records no per-instance launch template version (its Instances[].LaunchTemplate.Version
   is the group's default), so the launch path is wrapped to remember the version each
   instance was launched from.
2. NextToken paging of account-wide DescribeLaunchTemplateVersions (Versions=$Default/$Latest
   without a template): moto cuts the list at MaxResults and never returns a NextToken.
3. A moto bug fixed: CreateLaunchTemplateVersion stores UserData as a plain string (only
   CreateLaunchTemplate decodes it), and every launch from such a version then fails with
   HTTP 500. Versions now keep user data the way CreateLaunchTemplate does.
4. A moto bug fixed: DescribeAutoScalingGroups reports, for every instance, the template's
   default version as the version it was launched from (Instances[].LaunchTemplate.Version). AWS
   reports the version that launched the instance; so does this (from the record of item 1).
5. Launches are spread over the group's Availability Zones: each new instance goes to the zone
   with the fewest (ties: the zone listed first), in the subnet of that zone. moto puts all of a
   launch into one random zone. AWS: "Amazon EC2 Auto Scaling attempts to distribute instances
   evenly between the Availability Zones that are enabled for your Auto Scaling group"
   (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html).
6. A launch that EC2 refuses does not fail the API call that caused it: the instance is not
   launched and DescribeScalingActivities lists a Failed activity with EC2's message, as AWS does
   for launch failures (moto fails the call itself, and lists no activities at all).
7. Root devices (issue "disk settings always target /dev/xvda"). An instance's root volume is at
   its AMI's RootDeviceName (moto always uses /dev/sda1): a block device mapping for that device
   name changes the root volume, any other name adds a volume
   (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-device-mapping-concepts.html).
   EbsBlockDevice rules at launch: io1 and io2 need Iops ("This parameter is required for io1 and
   io2 volumes", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html);
   st1 and sc1 cannot be root volumes ("Throughput Optimized HDD (st1) and Cold HDD (sc1) volumes
   can't be used as boot volumes",
   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html). Both refuse the
   launch with InvalidParameterValue (the code is an assumption: AWS does not document it).
8. Availability Zone rebalancing (AZRebalance). After TerminateInstanceInAutoScalingGroup with
   ShouldDecrementDesiredCapacity leaves the zones uneven (more than one instance apart), the
   group rebalances unless AZRebalance is suspended: it launches an instance in the emptiest
   zone, then terminates one in the fullest, choosing as the default termination policy does
   (instances of the oldest launch template version first, then the oldest instance). "If you
   decrement the desired capacity, your Auto Scaling group can become unbalanced between
   Availability Zones. Amazon EC2 Auto Scaling tries to rebalance the group, and rebalancing
   might terminate instances in other zones"
   (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_TerminateInstanceInAutoScalingGroup.html,
   https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-capacity-rebalancing.html).
   AWS rebalances some time later; here it happens at once.
9. Deleting groups (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DeleteAutoScalingGroup.html):
   "If the group has instances or scaling activities in progress, you must specify the option to
   force the deletion": without ForceDelete, a group with instances fails with ResourceInUse, and
   one whose scale-in is still terminating instances (for terminate_seconds after it) fails with
   ScalingActivityInProgress (both HTTP 400; the messages are AWS's as reported by its users). A
   deleted group stays listed with Status "Delete in progress" for delete_seconds; meanwhile
   creating a group of the same name fails with AlreadyExists, as it does for any existing name
   (moto silently replaces the group).
10. Launch template or mixed instances policy updates (UpdateAutoScalingGroup) while an instance
    refresh with a DesiredConfiguration is active (Cancelling included, item 1) fail with
    ValidationError: the group takes the desired configuration when the refresh succeeds
    (https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html). A
    desired configuration holds only LaunchTemplate and MixedInstancesPolicy
    (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DesiredConfiguration.html), so
    an update of sizes or VPCZoneIdentifier alone goes through; one that also names the launch
    template (as any update of launch settings does) is refused. The API reference does not
    document the refusal or its message; the message is the one AWS returns as its users report it
    and the floci emulator reproduces it.
11. Eventual consistency (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html):
    for consistency_seconds after it was made, a launch template version is unknown to Auto
    Scaling (CreateAutoScalingGroup and UpdateAutoScalingGroup naming it fail with AWS's
    "ValidationError: You must use a valid fully-formed launch template"), and a just-launched
    instance is unknown to DescribeInstances (by InstanceIds: InvalidInstanceID.NotFound; by
    filter: not listed).
12. Health as an instance refresh sees it: InService and the EC2 status checks (and load balancer
    checks, which Poolform does not configure), waited for InstanceWarmup
    (https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html,
    https://docs.aws.amazon.com/autoscaling/ec2/userguide/healthcheck.html). Instances launched
    from an image in impaired_images fail their EC2 status checks: DescribeInstanceStatus reports
    them impaired and their group marks them Unhealthy (grace period 0, the API default). A
    refresh fails when a batch's new instances are Unhealthy, or when an alarm named in its
    AlarmSpecification is in ALARM (set it with CloudWatch SetAlarmState); an alarm that does not
    exist is refused at StartInstanceRefresh. The exact threshold AWS uses before failing a
    refresh is not published; here the first unhealthy batch fails it.
13. Limits (rule "limits nobody enforces"): user data of a launch template version at most 16 KB
    before base64 ("User data is limited to 16 KB, in raw form, before it is base64-encoded",
    https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html; refused with
    InvalidParameterValue, code assumed); at most 50 tags on an Auto Scaling group, aws: tags
    aside (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-tagging.html;
    LimitExceeded); a Spot max price of at least 0.001
    (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstancesDistribution.html;
    ValidationError).
14. A moto bug fixed: DescribeLaunchTemplates reports a template's tags as a copy taken when the
    template was created, so CreateTags/DeleteTags on the template never show there (they do
    show in DescribeTags and in `tag:` filters). AWS reports the template's current tags; so
    does this.
15. Scaling activities (DescribeScalingActivities), which moto never records: every instance a
    group launches or terminates is an activity, as AWS records them ("When scaling events occur,
    you see a record of the scaling activity in the scaling activities",
    https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeScalingActivities.html;
    the Activity shape: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_Activity.html).
    A launch is "Launching a new EC2 instance: ID", a termination "Terminating EC2 instance: ID",
    each with a Cause saying why (a difference between desired and actual capacity, a user
    request, an instance refresh, rebalancing; the wording is AWS's as its console shows it),
    StatusCode Successful (Failed for launches EC2 refused, item 6), newest first. Without
    AutoScalingGroupName the call lists the activities of every group in the account and Region,
    MaxRecords (default and maximum 100) at a time with a NextToken, as AWS does.
16. A moto bug fixed: UpdateAutoScalingGroup without MixedInstancesPolicy (a change of sizes only)
    removes the group's mixed instances policy, and the group then launches from the bare launch
    template. AWS: "Any properties that you don't specify are not changed by this update request"
    (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html); so
    here an update that names no launch source (launch template, mixed instances policy or launch
    configuration) keeps the policy.
17. NextToken paging of DescribeLaunchTemplates: moto cuts the list at MaxResults and never
    returns a NextToken. AWS: "The maximum number of results to return in a single call. To
    retrieve the remaining results, make another call with the returned NextToken value. This
    value can be between 1 and 200"
    (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplates.html).
18. Speed only, no behaviour: moto finds an EC2 resource's tags by scanning every tag of the
    account (DescribeTags with a resource-id filter), so a `tag:` filter over 1,000 launch
    templates took 10 s and a listing of 200 of them 1.7 s, where AWS answers in milliseconds.
    A resource's tags are looked up by its id instead; what every call returns is unchanged.
"""

import base64
import binascii
import copy
import datetime
import json
import math
import sys
import threading
import time
import uuid

from moto.autoscaling import models as asg_models
from moto.autoscaling.exceptions import AutoscalingClientError
from moto.autoscaling.responses import AutoScalingResponse
from moto.cloudwatch.models import cloudwatch_backends
from moto.core.responses import ActionResult, EmptyResult
from moto.ec2.exceptions import EC2ClientError, InvalidInstanceIdError
from moto.ec2.models import instances as instance_models
from moto.ec2.models import launch_templates as lt_models
from moto.ec2.responses.instances import InstanceResponse
from moto.ec2.responses.launch_templates import LaunchTemplates
from moto.ec2.models.core import TaggedEC2Resource
from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, get_prefix, parse_user_data
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

ACTIVE = ("Pending", "InProgress", "Cancelling", "Baking", "RollbackInProgress")


# --- 0. settings --------------------------------------------------------------------------

DEFAULT_SETTINGS = {
    "consistency_seconds": 0.0,
    "terminate_seconds": 0.0,
    "delete_seconds": 0.0,
    "impaired_images": [],
}
SETTINGS = copy.deepcopy(DEFAULT_SETTINGS)

_original_dispatch = DomainDispatcherApplication.__call__


def _dispatch(self, environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/poolform-moto/settings":
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            update = json.loads(environ["wsgi.input"].read(length) or b"{}") if length else {}
            unknown = sorted(set(update) - set(DEFAULT_SETTINGS))
            if unknown:
                start_response("400 Bad Request", [("Content-Type", "application/json")])
                return [json.dumps({"unknown": unknown}).encode()]
            SETTINGS.update(update)
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(SETTINGS).encode()]
    if path == "/moto-api/reset":
        SETTINGS.clear()
        SETTINGS.update(copy.deepcopy(DEFAULT_SETTINGS))
    return _original_dispatch(self, environ, start_response)


DomainDispatcherApplication.__call__ = _dispatch


def _now():
    return time.monotonic()


# --- 1, 4, 5, 6, 11, 12: how an Auto Scaling group launches -------------------------------

_original_launch = asg_models.FakeAutoScalingGroup.replace_autoscaling_group_instances
_launching = threading.local()


def _current_version(group):
    template = group.ec2_launch_template
    if template is None:
        return None
    return (template.id, template.get_version(group.launch_template_version).number)


def _zone_counts(group):
    counts = {z: 0 for z in group.availability_zones}
    for st in group.instance_states:
        zone = st.instance._placement.zone
        if zone in counts:
            counts[zone] += 1
    return counts


def _subnet_in(group, zone):
    for subnet_id in (group.vpc_zone_identifier or "").split(","):
        subnet_id = subnet_id.strip()
        if not subnet_id:
            continue
        subnet = group.autoscaling_backend.ec2_backend.get_subnet(subnet_id)
        if subnet.availability_zone == zone:
            return subnet_id
    return None


def _record_activity(group, status, description, cause):
    activities = group.__dict__.setdefault("poolform_activities", [])
    now = datetime.datetime.now(datetime.timezone.utc)
    activities.insert(
        0,
        {
            "ActivityId": str(uuid.uuid4()),
            "AutoScalingGroupName": group.name,
            "Description": description,
            "Cause": f"At {now.isoformat()} {cause}",
            "StartTime": now,
            "EndTime": now,
            "StatusCode": status,
            "Progress": 100,
        },
    )
    return activities[0]


def _launch(self, count_needed, propagated_tags):
    for _ in range(count_needed):
        _launch_one(self, propagated_tags)


def _launch_one(group, propagated_tags):
    """One instance in the emptiest zone, from the group's own template version (items 5, 6)."""
    zones, subnets = group.availability_zones, group.vpc_zone_identifier
    counts = _zone_counts(group)
    zone = min(zones, key=lambda z: counts[z]) if zones else None
    before = {s.instance.id for s in group.instance_states}
    version = _current_version(group)
    _launching.version = version
    try:
        if zone:
            group.availability_zones = [zone]
            group.vpc_zone_identifier = _subnet_in(group, zone) or subnets
        _original_launch(group, 1, dict(propagated_tags))
    except EC2ClientError as e:
        activity = _record_activity(
            group,
            "Failed",
            "Launching a new EC2 instance.  Status Reason: " + e.message,
            "an instance was started in response to a difference between desired and actual capacity.",
        )
        activity["StatusMessage"] = e.message
        return
    finally:
        _launching.version = None
        group.availability_zones = zones
        group.vpc_zone_identifier = subnets
    for s in group.instance_states:
        if s.instance.id not in before:
            s.instance.poolform_launched_from = version
            s.instance.poolform_launched_at = _now()
            if s.instance.image_id in SETTINGS["impaired_images"]:
                s.health_status = "Unhealthy"
            _record_activity(
                group,
                "Successful",
                f"Launching a new EC2 instance: {s.instance.id}",
                getattr(_launching, "cause", None)
                or "an instance was started in response to a difference between desired and actual capacity,"
                f" increasing the capacity from {len(before)} to {len(before) + 1}.",
            )


asg_models.FakeAutoScalingGroup.replace_autoscaling_group_instances = _launch

_original_template_from_args = instance_models.InstanceBackend._get_template_from_args


def _template_from_args(self, launch_template_arg):
    """moto launches a group's instances from the template's default version; AWS from the
    version the group names (item 4)."""
    launching = getattr(_launching, "version", None)
    if launching and "Version" not in launch_template_arg:
        if launch_template_arg.get("LaunchTemplateId") in (None, launching[0]):
            launch_template_arg = dict(launch_template_arg, Version=str(launching[1]))
    return _original_template_from_args(self, launch_template_arg)


instance_models.InstanceBackend._get_template_from_args = _template_from_args


# --- 7: root devices and the EBS rules of a launch --------------------------------------------

_original_run_instances = instance_models.InstanceBackend.run_instances


def _run_instances(self, image_id, count, user_data, security_group_names, **kwargs):
    mappings = kwargs.get("block_device_mappings")
    if mappings is None and kwargs.get("launch_template"):
        mappings = self._get_template_from_args(kwargs["launch_template"]).data.get("BlockDeviceMappings")
    ami = self.amis.get(image_id) if hasattr(self, "amis") else None
    root = ami.root_device_name if ami is not None else "/dev/sda1"
    for m in mappings or []:
        ebs = m.get("Ebs") or {}
        kind = str(ebs.get("VolumeType") or "").lower()
        if kind in ("io1", "io2") and not ebs.get("Iops"):
            raise EC2ClientError(
                "InvalidParameterValue", f"Iops is required for {kind} volumes ({m.get('DeviceName')})."
            )
        if kind in ("st1", "sc1") and m.get("DeviceName") == root:
            raise EC2ClientError(
                "InvalidParameterValue", f"The {kind} volume type cannot be a root volume ({root})."
            )
    return _original_run_instances(self, image_id, count, user_data, security_group_names, **kwargs)


instance_models.InstanceBackend.run_instances = _run_instances


def _setup_defaults(self):
    """The root volume, at the AMI's root device name."""
    volume = self.ec2_backend.create_volume(size=8, zone_name=self._placement.zone)
    self.ec2_backend.attach_volume(volume.id, self.id, self.root_device_name, True)


instance_models.Instance.setup_defaults = _setup_defaults

_original_add_block_device = instance_models.Instance.add_block_device


def _add_block_device(
    self, size, device_path, snapshot_id, encrypted, delete_on_termination, kms_key_id, volume_type
):
    """A mapping for the root device changes the root volume; any other adds a volume."""
    root = self.block_device_mapping.get(device_path) if device_path == self.root_device_name else None
    if root is None:
        return _original_add_block_device(
            self, size, device_path, snapshot_id, encrypted, delete_on_termination, kms_key_id, volume_type
        )
    volume = self.ec2_backend.get_volume(root.volume_id)
    if size:
        volume.size = int(size)
    if volume_type:
        volume.volume_type = volume_type


instance_models.Instance.add_block_device = _add_block_device


def _instance_launch_template(self):
    launched = getattr(self.instance, "poolform_launched_from", None)
    group = self.auto_scaling_group
    if group is None or group.ec2_launch_template is None or launched is None:
        return _original_instance_launch_template.fget(self)
    template_id, number = launched
    template = group.autoscaling_backend.ec2_backend.get_launch_template(template_id)
    return {"LaunchTemplateId": template.id, "LaunchTemplateName": template.name, "Version": str(number)}


_original_instance_launch_template = asg_models.InstanceState.launch_template
asg_models.InstanceState.launch_template = property(_instance_launch_template)


# --- 1, 12: instance refresh --------------------------------------------------------------


def _configuration(group):
    """What the group launches from, in DesiredConfiguration's shape."""
    if group.mixed_instances_policy:
        mixed = copy.deepcopy(group.mixed_instances_policy)
        # moto adds the template's name beside its id to the stored policy, and then refuses the
        # policy it stored when it is set again ("either launchTemplateId or LaunchTemplateName").
        spec = mixed.get("LaunchTemplate", {}).get("LaunchTemplateSpecification", {})
        if spec.get("LaunchTemplateId"):
            spec.pop("LaunchTemplateName", None)
        return {"MixedInstancesPolicy": mixed}
    if group.ec2_launch_template is not None:
        return {
            "LaunchTemplate": {
                "LaunchTemplateId": group.ec2_launch_template.id,
                "Version": getattr(group, "provided_launch_template_version", None) or group.launch_template_version,
            }
        }
    return None


def _apply_configuration(group, conf):
    if not conf:
        return
    if "MixedInstancesPolicy" in conf:
        group.mixed_instances_policy = copy.deepcopy(conf["MixedInstancesPolicy"])
        group._set_launch_configuration(None, None, group.mixed_instances_policy)
    elif "LaunchTemplate" in conf:
        group._set_launch_configuration(None, dict(conf["LaunchTemplate"]), None)


def _target_version(group, desired_configuration):
    """(template id, version number) that the refresh moves instances to."""
    if not desired_configuration:
        return _current_version(group)
    saved = _configuration(group)
    _apply_configuration(group, desired_configuration)
    try:
        return _current_version(group)
    finally:
        _apply_configuration(group, saved)



class _Refresh:
    def __init__(self, group, prefs, desired_configuration):
        self.id = str(uuid.uuid4())
        self.group_name = group.name
        self.status = "Pending"
        self.reason = "Waiting for the first batch."
        self.start = datetime.datetime.now(datetime.timezone.utc)
        self.end = None
        self.prefs = prefs
        self.min_healthy = int(prefs.get("MinHealthyPercentage", 90))
        self.max_healthy = int(prefs.get("MaxHealthyPercentage", 100))
        self.warmup = int(prefs.get("InstanceWarmup", 0) or 0)
        self.skip_matching = str(prefs.get("SkipMatching", "false")).lower() == "true"
        self.checkpoints = [int(p) for p in prefs.get("CheckpointPercentages", []) or []]
        self.checkpoint_delay = int(prefs.get("CheckpointDelay", 3600) or 0)
        self.started_with = {s.instance.id for s in group.instance_states}
        self.auto_rollback = str(prefs.get("AutoRollback", "false")).lower() == "true"
        self.original = _configuration(group)
        self.target = _target_version(group, desired_configuration)
        self.launched = set()
        self.total = len(self._old(group))
        self.replaced = 0
        self.next_step = time.monotonic()
        self.desired_configuration = desired_configuration
        self.alarms = list((prefs.get("AlarmSpecification") or {}).get("Alarms") or [])
        self.backend = group.autoscaling_backend

    def _old(self, group):
        current = self.target
        if self.skip_matching:
            return [
                s
                for s in group.instance_states
                if getattr(s.instance, "poolform_launched_from", None) != current
            ]
        return [s for s in group.instance_states if s.instance.id in self.started_with]

    def percent(self):
        if self.total == 0:
            return 100
        return min(100, int(100 * self.replaced / self.total))

    def _launch(self, group, count):
        """Launches from the target configuration; the group's own configuration is left as is."""
        before = {s.instance.id for s in group.instance_states}
        _apply_configuration(group, self.desired_configuration)
        _launching.cause = "an instance was started in response to an instance refresh."
        try:
            group.replace_autoscaling_group_instances(count, group.get_propagated_tags())
        finally:
            _launching.cause = None
            _apply_configuration(group, self.original)
        fresh = [s for s in group.instance_states if s.instance.id not in before]
        self.launched.update(s.instance.id for s in fresh)
        return fresh

    def _finish(self, status, reason=None):
        self.status = status
        self.reason = reason
        self.end = datetime.datetime.now(datetime.timezone.utc)

    def _roll_back(self, group):
        """Replaces what the refresh launched with instances of the group's own configuration."""
        doomed = [s.instance.id for s in group.instance_states if s.instance.id in self.launched]
        group.instance_states = [s for s in group.instance_states if s.instance.id not in doomed]
        if doomed:
            group.autoscaling_backend.ec2_backend.terminate_instances(doomed)
        missing = (group.desired_capacity or 0) - len(group.instance_states)
        if missing > 0:
            group.replace_autoscaling_group_instances(missing, group.get_propagated_tags())
        self._finish("RollbackSuccessful", "The instance refresh failed and was rolled back: " + self.failure)

    def advance(self, group):
        """Runs at most one batch, when the warm-up of the previous one has passed."""
        if self.status == "RollbackInProgress":
            self._roll_back(group)
            return
        if self.status not in ("Pending", "InProgress"):
            return
        if self._alarm_fired():
            return
        if time.monotonic() < self.next_step:
            return
        self.status = "InProgress"
        self.reason = None
        old = self._old(group)
        if not old:
            self._succeed(group)
            return
        desired = group.desired_capacity or 0
        in_service = len(group.instance_states)
        launchable = max(0, math.floor(desired * self.max_healthy / 100) - in_service)
        terminable = max(0, in_service - math.ceil(desired * self.min_healthy / 100))
        batch = max(1, min(len(old), launchable + terminable))
        # Launch first (up to the maximum), then retire old ones: never below the minimum.
        launch = min(batch, launchable)
        fresh = self._launch(group, launch) if launch else []
        if self._failed_health(group, fresh):
            return
        doomed = old[:batch]
        doomed_ids = [s.instance.id for s in doomed]
        group.instance_states = [s for s in group.instance_states if s.instance.id not in doomed_ids]
        group.autoscaling_backend.ec2_backend.terminate_instances(doomed_ids)
        for instance_id in doomed_ids:
            _record_activity(
                group,
                "Successful",
                f"Terminating EC2 instance: {instance_id}",
                "an instance was taken out of service in response to an instance refresh.",
            )
        missing = desired - len(group.instance_states)
        if missing > 0 and self._failed_health(group, self._launch(group, missing)):
            return
        before = self.percent()
        self.replaced += len(doomed)
        after = self.percent()
        delay = self.warmup
        if any(before < c <= after for c in self.checkpoints) and after < 100:
            delay += self.checkpoint_delay
        self.next_step = time.monotonic() + delay
        if not self._old(group):
            self._succeed(group)

    def _succeed(self, group):
        self._finish("Successful")
        # AWS sets the desired configuration on the group once the refresh has succeeded.
        self.original = self.desired_configuration or self.original
        _apply_configuration(group, self.original)

    def _failed_health(self, group, fresh):
        """True (and the refresh failed or rolling back) if a new instance fails its health checks:
        Auto Scaling marks it Unhealthy (EC2 status checks, item 12)."""
        bad = [s.instance.id for s in fresh if s.health_status == "Unhealthy"]
        if not bad:
            return False
        self._fail(f"instances {', '.join(bad)} failed their health checks.")
        return True

    def _alarm_fired(self):
        """True (and the refresh failed or rolling back) if an alarm of the specification is in ALARM."""
        if not self.alarms:
            return False
        alarms = cloudwatch_backends[self.backend.account_id][self.backend.region_name].alarms
        fired = [a for a in self.alarms if a in alarms and alarms[a].state_value == "ALARM"]
        if not fired:
            return False
        self._fail(f"the CloudWatch alarm {fired[0]} went into ALARM state.")
        return True

    def _fail(self, failure):
        self.failure = failure
        if self.auto_rollback and self.desired_configuration:
            self.status = "RollbackInProgress"
            self.reason = "Rolling back: " + self.failure
        else:
            self._finish("Failed", "The instance refresh failed: " + self.failure)

    def shape(self):
        out = {
            "InstanceRefreshId": self.id,
            "AutoScalingGroupName": self.group_name,
            "Status": self.status,
            "StartTime": self.start,
            "PercentageComplete": self.percent(),
            "InstancesToUpdate": max(0, self.total - self.replaced),
            "Preferences": {
                "MinHealthyPercentage": self.min_healthy,
                "MaxHealthyPercentage": self.max_healthy,
                "InstanceWarmup": self.warmup,
                "SkipMatching": self.skip_matching,
                "CheckpointPercentages": self.checkpoints,
                "CheckpointDelay": self.checkpoint_delay,
                "AutoRollback": self.auto_rollback,
            },
        }
        if self.alarms:
            out["Preferences"]["AlarmSpecification"] = {"Alarms": self.alarms}
        if self.desired_configuration:
            out["DesiredConfiguration"] = self.desired_configuration
        if self.reason:
            out["StatusReason"] = self.reason
        if self.end:
            out["EndTime"] = self.end
        return out


def _refreshes(backend):
    if not hasattr(backend, "poolform_refreshes"):
        backend.poolform_refreshes = {}
    return backend.poolform_refreshes


def _group(backend, name):
    group = backend.autoscaling_groups.get(name)
    if group is None:
        raise AutoscalingClientError("ValidationError", f"AutoScalingGroup name not found - {name}")
    return group


def start_instance_refresh(self):
    backend = self.autoscaling_backend
    name = self._get_param("AutoScalingGroupName")
    group = _group(backend, name)
    strategy = self._get_param("Strategy") or "Rolling"
    if strategy != "Rolling":
        raise AutoscalingClientError("ValidationError", f"Strategy {strategy} is not supported.")
    history = _refreshes(backend).setdefault(name, [])
    for r in history:
        r.advance(group)
        if r.status in ACTIVE:
            raise AutoscalingClientError(
                "InstanceRefreshInProgress",
                "An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.",
            )
    prefs = self._get_param("Preferences") or {}
    low = int(prefs.get("MinHealthyPercentage", 90))
    high = int(prefs.get("MaxHealthyPercentage", 100))
    if not 0 <= low <= 100 or not 100 <= high <= 200 or high - low > 100:
        raise AutoscalingClientError(
            "ValidationError",
            "MinHealthyPercentage must be 0-100, MaxHealthyPercentage 100-200, and their difference at most 100.",
        )
    alarms = (prefs.get("AlarmSpecification") or {}).get("Alarms") or []
    known = cloudwatch_backends[backend.account_id][backend.region_name].alarms
    for a in alarms:
        if a not in known:
            raise AutoscalingClientError("ValidationError", f"The CloudWatch alarm {a} does not exist.")
    desired = self._get_param("DesiredConfiguration") or None
    if str(prefs.get("AutoRollback", "false")).lower() == "true" and not desired:
        raise AutoscalingClientError(
            "ValidationError", "AutoRollback requires a DesiredConfiguration naming a launch template version."
        )
    refresh = _Refresh(group, prefs, desired)
    history.insert(0, refresh)
    return ActionResult({"InstanceRefreshId": refresh.id})


def describe_instance_refreshes(self):
    backend = self.autoscaling_backend
    name = self._get_param("AutoScalingGroupName")
    group = _group(backend, name)
    ids = self._get_param("InstanceRefreshIds", [])
    history = _refreshes(backend).get(name, [])
    for r in history:
        if r.status == "Cancelling":
            r._finish("Cancelled", "Cancelled by request.")
        r.advance(group)
    chosen = [r for r in history if not ids or r.id in ids]
    max_records = self._get_int_param("MaxRecords", 50)
    token = self._get_param("NextToken")
    start = int(token) if token else 0
    page = chosen[start : start + max_records]
    result = {"InstanceRefreshes": [r.shape() for r in page]}
    if start + max_records < len(chosen):
        result["NextToken"] = str(start + max_records)
    return ActionResult(result)


def cancel_instance_refresh(self):
    backend = self.autoscaling_backend
    name = self._get_param("AutoScalingGroupName")
    group = _group(backend, name)
    for r in _refreshes(backend).get(name, []):
        r.advance(group)
        if r.status == "Cancelling":
            break  # already being cancelled: nothing in progress to cancel
        if r.status in ACTIVE:
            r.status = "Cancelling"
            r.reason = "Cancelling: waiting for in-flight launches and terminations."
            return ActionResult({"InstanceRefreshId": r.id})
    raise AutoscalingClientError(
        "ActiveInstanceRefreshNotFound", f"No in progress or pending Instance Refresh found for Auto Scaling group {name}"
    )


AutoScalingResponse.start_instance_refresh = start_instance_refresh
AutoScalingResponse.describe_instance_refreshes = describe_instance_refreshes
AutoScalingResponse.cancel_instance_refresh = cancel_instance_refresh


# --- 8: Availability Zone rebalancing -------------------------------------------------------

DELETING = "Delete in progress"


def _suspended(group):
    return {p["ProcessName"] if isinstance(p, dict) else p for p in group.suspended_processes}


def _version_number(state):
    launched = getattr(state.instance, "poolform_launched_from", None)
    return launched[1] if launched else 0


def _rebalance(group):
    """Launches in the emptiest zone, then terminates in the fullest (default termination policy:
    oldest launch template version, then oldest instance), if the zones are more than one apart."""
    if "AZRebalance" in _suspended(group):
        return
    counts = _zone_counts(group)
    if len(counts) < 2 or max(counts.values()) - min(counts.values()) <= 1:
        return
    _launching.cause = "an instance was launched in response to an imbalance in the Availability Zones (AZRebalance)."
    try:
        _launch_one(group, group.get_propagated_tags())
    finally:
        _launching.cause = None
    counts = _zone_counts(group)
    fullest = max(counts, key=lambda z: counts[z])
    candidates = [st for st in group.instance_states if st.instance._placement.zone == fullest]
    victim = min(candidates, key=lambda st: (_version_number(st), getattr(st.instance, "poolform_launched_at", 0)))
    group.instance_states = [st for st in group.instance_states if st is not victim]
    group.autoscaling_backend.ec2_backend.terminate_instances([victim.instance.id])
    _record_activity(
        group,
        "Successful",
        f"Terminating EC2 instance: {victim.instance.id}",
        "an instance was taken out of service in response to an imbalance in the Availability Zones (AZRebalance).",
    )


_original_terminate_instance = asg_models.AutoScalingBackend.terminate_instance


def _terminate_instance(self, instance_id, should_decrement):
    group = next(
        (g for g in self.autoscaling_groups.values() if any(s.instance.id == instance_id for s in g.instance_states)),
        None,
    )
    size = group.desired_capacity if group is not None else None
    activity = _original_terminate_instance(self, instance_id, should_decrement)
    if group is not None:
        _record_activity(
            group,
            "Successful",
            f"Terminating EC2 instance: {instance_id}",
            f"instance {instance_id} was taken out of service in response to a user request"
            + (f", shrinking the capacity from {size} to {group.desired_capacity}." if should_decrement else "."),
        )
        _busy(group)
        if should_decrement:
            _rebalance(group)
    return activity


asg_models.AutoScalingBackend.terminate_instance = _terminate_instance


# --- 9: deleting groups ----------------------------------------------------------------------


def _busy(group):
    """A scale-in just began terminating instances: a scaling activity is in progress for a while."""
    group.poolform_busy_until = _now() + float(SETTINGS["terminate_seconds"])


_original_set_desired = asg_models.FakeAutoScalingGroup.set_desired_capacity


def _set_desired_capacity(self, new_capacity):
    before = {s.instance.id for s in self.instance_states}
    _original_set_desired(self, new_capacity)
    after = {s.instance.id for s in self.instance_states}
    for instance_id in sorted(before - after):
        _record_activity(
            self,
            "Successful",
            f"Terminating EC2 instance: {instance_id}",
            "an instance was taken out of service in response to a difference between desired and actual"
            f" capacity, shrinking the capacity from {len(before)} to {len(after)}.",
        )
    if len(after) < len(before):
        _busy(self)


asg_models.FakeAutoScalingGroup.set_desired_capacity = _set_desired_capacity


def _sweep(backend):
    """Groups whose deletion has finished disappear."""
    for name, group in list(backend.autoscaling_groups.items()):
        if getattr(group, "status", None) == DELETING and _now() >= group.poolform_gone_at:
            backend.autoscaling_groups.pop(name, None)
            _refreshes(backend).pop(name, None)


def delete_auto_scaling_group(self):
    backend = self.autoscaling_backend
    _sweep(backend)
    name = self._get_param("AutoScalingGroupName")
    group = backend.autoscaling_groups.get(name)
    if group is None:
        raise AutoscalingClientError(
            "ValidationError", f"AutoScalingGroup name not found - AutoScalingGroup '{name}' not found"
        )
    if getattr(group, "status", None) == DELETING:
        return EmptyResult()
    if not self._get_bool_param("ForceDelete", False):
        if group.instance_states:
            raise AutoscalingClientError(
                "ResourceInUse",
                "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.",
            )
        if getattr(group, "poolform_busy_until", 0) > _now():
            raise AutoscalingClientError(
                "ScalingActivityInProgress",
                "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.",
            )
    linger = float(SETTINGS["delete_seconds"])
    if linger <= 0:
        backend.delete_auto_scaling_group(name)
        _refreshes(backend).pop(name, None)
        return EmptyResult()
    ids = [st.instance.id for st in group.instance_states]
    group.instance_states = []
    if ids:
        backend.ec2_backend.terminate_instances(ids)
    group.desired_capacity = 0
    group.min_size = 0
    group.status = DELETING
    group.poolform_gone_at = _now() + linger
    return EmptyResult()


AutoScalingResponse.delete_auto_scaling_group = delete_auto_scaling_group

_original_describe_groups = AutoScalingResponse.describe_auto_scaling_groups


def describe_auto_scaling_groups(self):
    _sweep(self.autoscaling_backend)
    return _original_describe_groups(self)


AutoScalingResponse.describe_auto_scaling_groups = describe_auto_scaling_groups


# --- 9, 10, 11, 13: creating and updating groups ---------------------------------------------


def _template_version(backend, spec):
    """The EC2 launch template version a LaunchTemplateSpecification names, if it exists."""
    if not spec:
        return None
    ec2 = backend.ec2_backend
    try:
        if spec.get("LaunchTemplateId"):
            template = ec2.get_launch_template(spec["LaunchTemplateId"])
        else:
            template = ec2.get_launch_template_by_name(spec.get("LaunchTemplateName"))
        return template.get_version(spec.get("Version") or template.default_version_number)
    except Exception:  # moto raises several kinds; the group call reports it the way it always did
        return None


def _require_visible(backend, launch_template, mixed):
    """Item 11: a version made less than consistency_seconds ago is not known to Auto Scaling yet."""
    limit = float(SETTINGS["consistency_seconds"])
    if limit <= 0:
        return
    specs = [launch_template]
    if mixed:
        specs.append((mixed.get("LaunchTemplate") or {}).get("LaunchTemplateSpecification"))
    for spec in specs:
        version = _template_version(backend, spec)
        if version is not None and _now() - getattr(version, "poolform_created", -1e9) < limit:
            raise AutoscalingClientError(
                "ValidationError",
                "You must use a valid fully-formed launch template. The specified launch template version does not exist.",
            )


def _check_spot_price(mixed):
    """Item 13: SpotMaxPrice is at least 0.001 (an empty string removes it)."""
    price = ((mixed or {}).get("InstancesDistribution") or {}).get("SpotMaxPrice")
    if price in (None, ""):
        return
    try:
        ok = float(price) >= 0.001
    except ValueError:
        ok = False
    if not ok:
        raise AutoscalingClientError(
            "ValidationError", f"SpotMaxPrice {price} is invalid: the minimum is 0.001."
        )


MAX_TAGS = 50


def _check_tags(name, keys):
    """Item 13: at most 50 tags on a group, aws: tags aside."""
    own = [k for k in keys if not str(k).startswith("aws:")]
    if len(own) > MAX_TAGS:
        raise AutoscalingClientError(
            "LimitExceeded",
            f"The number of tags of Auto Scaling group {name} would be {len(own)}; the limit is {MAX_TAGS}.",
        )


_original_create_group = AutoScalingResponse.create_auto_scaling_group


def create_auto_scaling_group(self):
    backend = self.autoscaling_backend
    _sweep(backend)
    name = self._get_param("AutoScalingGroupName")
    if name in backend.autoscaling_groups:
        raise AutoscalingClientError(
            "AlreadyExists", f"AutoScalingGroup by this name already exists - A group with the name {name} already exists"
        )
    mixed = self._get_params().get("MixedInstancesPolicy")
    _check_spot_price(mixed)
    _check_tags(name, [t.get("Key") for t in self._get_params().get("Tags", [])])
    _require_visible(backend, self._get_param("LaunchTemplate"), mixed)
    return _original_create_group(self)


AutoScalingResponse.create_auto_scaling_group = create_auto_scaling_group

_original_update_group = AutoScalingResponse.update_auto_scaling_group

ACTIVE_REFRESH_MESSAGE = (
    "An active instance refresh with a desired configuration exists. All configuration options derived from the "
    "desired configuration are not available for update while the instance refresh is active."
)


def update_auto_scaling_group(self):
    backend = self.autoscaling_backend
    _sweep(backend)
    name = self._get_param("AutoScalingGroupName")
    launch_template = self._get_param("LaunchTemplate")
    mixed = self._get_param("MixedInstancesPolicy")
    if launch_template or mixed or self._get_param("LaunchConfigurationName"):
        for r in _refreshes(backend).get(name, []):
            if r.status in ACTIVE and r.desired_configuration:
                raise AutoscalingClientError("ValidationError", ACTIVE_REFRESH_MESSAGE)
    _check_spot_price(mixed)
    _require_visible(backend, launch_template, mixed)
    # Item 16: an update that names no launch source keeps the group's mixed instances policy.
    group = backend.autoscaling_groups.get(name)
    kept = None
    if group is not None and not (launch_template or mixed or self._get_param("LaunchConfigurationName")):
        kept = group.mixed_instances_policy
    result = _original_update_group(self)
    if kept is not None:
        group.mixed_instances_policy = kept
    return result


AutoScalingResponse.update_auto_scaling_group = update_auto_scaling_group

_original_create_or_update_tags = AutoScalingResponse.create_or_update_tags


def create_or_update_tags(self):
    backend = self.autoscaling_backend
    by_group = {}
    for t in self._get_param("Tags", []):
        by_group.setdefault(t.get("ResourceId"), set()).add(t.get("Key"))
    for name, keys in by_group.items():
        group = backend.autoscaling_groups.get(name)
        existing = {t["Key"] for t in group.tags} if group is not None else set()
        _check_tags(name, existing | keys)
    return _original_create_or_update_tags(self)


AutoScalingResponse.create_or_update_tags = create_or_update_tags


def describe_scaling_activities(self):
    """Items 6 and 15: the activities recorded here, newest first, paged."""
    backend = self.autoscaling_backend
    name = self._get_param("AutoScalingGroupName")
    groups = [backend.autoscaling_groups[name]] if name in backend.autoscaling_groups else (
        [] if name else list(backend.autoscaling_groups.values())
    )
    activities = sorted(
        (a for g in groups for a in g.__dict__.get("poolform_activities", [])),
        key=lambda a: a["StartTime"],
        reverse=True,
    )
    size = max(1, min(100, self._get_int_param("MaxRecords", 100)))
    start = int(self._get_param("NextToken") or 0)
    page = {"Activities": activities[start : start + size]}
    if start + size < len(activities):
        page["NextToken"] = str(start + size)
    return ActionResult(page)


AutoScalingResponse.describe_scaling_activities = describe_scaling_activities


# --- 11: instances EC2 does not list yet ---------------------------------------------------------


def _young(instance):
    limit = float(SETTINGS["consistency_seconds"])
    return limit > 0 and _now() - getattr(instance, "poolform_launched_at", -1e9) < limit


_original_describe_instances_response = InstanceResponse.describe_instances


def describe_instances(self):
    ids = self._get_param("InstanceIds", [])
    if ids:
        hidden = []
        for i in ids:
            try:
                if _young(self.ec2_backend.get_instance(i)):
                    hidden.append(i)
            except Exception:  # unknown ids: moto's own answer below
                pass
        if hidden:
            raise InvalidInstanceIdError(hidden)
    return _original_describe_instances_response(self)


InstanceResponse.describe_instances = describe_instances

_original_backend_describe_instances = instance_models.InstanceBackend.describe_instances


def _backend_describe_instances(self, filters=None):
    reservations = _original_backend_describe_instances(self, filters)
    out = []
    for r in reservations:
        kept = [i for i in r.instances if not _young(i)]
        if kept:
            r.instances = kept
            out.append(r)
    return out


instance_models.InstanceBackend.describe_instances = _backend_describe_instances


# --- NextToken for account-wide DescribeLaunchTemplateVersions ---------------------------

_original_versions = LaunchTemplates.describe_launch_template_versions


def describe_launch_template_versions(self):
    if self._get_param("LaunchTemplateName") or self._get_param("LaunchTemplateId"):
        return _original_versions(self)
    versions = self._get_param("Versions", [])
    max_results = self._get_int_param("MaxResults", 15)
    token = self._get_param("NextToken")
    start = int(token) if token else 0
    pairs = self.ec2_backend.describe_launch_template_versions(
        template_name=None,
        template_id=None,
        versions=versions,
        min_version=None,
        max_version=None,
        max_results=sys.maxsize,
    )
    page = pairs[start : start + max_results]
    result = {
        "LaunchTemplateVersions": [
            {
                "CreateTime": version.create_time,
                "CreatedBy": f"arn:{self.partition}:iam::{self.current_account}:root",
                "DefaultVersion": template.is_default(version),
                "LaunchTemplateData": version.data,
                "LaunchTemplateId": template.id,
                "LaunchTemplateName": template.name,
                "VersionDescription": version.description,
                "VersionNumber": version.number,
            }
            for template, version in page
        ]
    }
    if start + max_results < len(pairs):
        result["NextToken"] = str(start + max_results)
    return ActionResult(result)


LaunchTemplates.describe_launch_template_versions = describe_launch_template_versions


# --- 3, 11, 13: launch template versions -----------------------------------------------------

USER_DATA_LIMIT = 16 * 1024

_original_create_version = lt_models.LaunchTemplate.create_version


def _create_version(self, data, description):
    if isinstance(data, dict) and isinstance(data.get("UserData"), (str, bytes)):
        try:
            raw = base64.b64decode(data["UserData"], validate=False)
        except (binascii.Error, ValueError):
            raw = data["UserData"]
        if len(raw) > USER_DATA_LIMIT:
            raise EC2ClientError(
                "InvalidParameterValue",
                f"User data is limited to {USER_DATA_LIMIT} bytes before base64 encoding; this one has {len(raw)}.",
            )
        data = dict(data)
        data["UserData"] = parse_user_data(data["UserData"])
    version = _original_create_version(self, data, description)
    version.poolform_created = _now()
    return version


lt_models.LaunchTemplate.create_version = _create_version


# --- current tags of launch templates ---------------------------------------------------

# moto's constructor assigns `self.tags = self.get_tags()` once; the setter swallows that copy.
lt_models.LaunchTemplate.tags = property(
    lambda self: self.get_tags(), lambda self, value: None
)


# --- 17: NextToken for DescribeLaunchTemplates ---------------------------------------------

_original_templates = LaunchTemplates.describe_launch_templates


def describe_launch_templates(self):
    # Without MaxResults (or naming templates, which AWS does not page) moto's answer stands.
    names_or_ids = self._get_param("LaunchTemplateNames") or self._get_param("LaunchTemplateIds")
    if names_or_ids or self._get_param("MaxResults") is None:
        return _original_templates(self)
    max_results = self._get_int_param("MaxResults")
    if not 1 <= max_results <= 200:
        raise EC2ClientError(
            "InvalidParameterValue",
            f"Value ( {max_results} ) for parameter maxResults is invalid. Expecting a value between 1 and 200.",
        )
    token = self._get_param("NextToken")
    start = int(token) if token else 0
    templates = self.ec2_backend.describe_launch_templates(
        template_names=None, template_ids=None, filters=self._filters_from_querystring()
    )
    page = templates[start : start + max_results]
    result = {
        "LaunchTemplates": [
            {
                "CreateTime": t.create_time,
                "CreatedBy": f"arn:{self.partition}:iam::{self.current_account}:root",
                "DefaultVersionNumber": t.default_version_number,
                "LatestVersionNumber": t.latest_version_number,
                "LaunchTemplateId": t.id,
                "LaunchTemplateName": t.name,
                "Tags": t.tags,
            }
            for t in page
        ]
    }
    if start + max_results < len(templates):
        result["NextToken"] = str(start + max_results)
    return ActionResult(result)


LaunchTemplates.describe_launch_templates = describe_launch_templates


# --- 18: a resource's tags by its id ---------------------------------------------------------


def _tags_of(self):
    """What moto's get_tags returns (DescribeTags filtered by this resource id), without the scan."""
    rid = getattr(self, "id", None)
    if not rid:
        return []
    kind = EC2_PREFIX_TO_RESOURCE.get(get_prefix(rid), "")
    return [
        {"resource_id": rid, "key": k, "value": v, "resource_type": kind}
        for k, v in self.ec2_backend.tags.get(rid, {}).items()
    ]


TaggedEC2Resource.get_tags = _tags_of


if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
