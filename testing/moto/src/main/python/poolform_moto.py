"""moto 5.2.1's server plus the few AWS behaviours Poolform's tests rely on and moto lacks.

Run exactly like moto's own server:  python3 poolform_moto.py -H 127.0.0.1 -p PORT

Everything below follows the AWS API reference; nothing is Poolform-specific.

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
   - CancelInstanceRefresh marks the active refresh Cancelled, or fails with
     ActiveInstanceRefreshNotFound;
   - failure and AutoRollback: real instances fail their health checks when their image does
     not boot; here, by convention, an instance launched from an image whose id starts with
     `ami-0bad` fails them. A batch that launches one fails the refresh: without AutoRollback it
     ends Failed (instances replaced so far stay, the group keeps its configuration); with
     AutoRollback it goes RollbackInProgress and, at the next step, replaces the instances the
     refresh launched with ones from the configuration the group had when the refresh started,
     and ends RollbackSuccessful (AWS: "restores your Auto Scaling group to the configuration
     that it was using before the start of the instance refresh"). AWS accepts AutoRollback only
     with a DesiredConfiguration; so does this.
   moto records no per-instance launch template version (its Instances[].LaunchTemplate.Version
   is the group's default), so the launch path is wrapped to remember the version each
   instance was launched from.
2. NextToken paging of account-wide DescribeLaunchTemplateVersions (Versions=$Default/$Latest
   without a template): moto cuts the list at MaxResults and never returns a NextToken.
3. A moto bug fixed: CreateLaunchTemplateVersion stores UserData as a plain string (only
   CreateLaunchTemplate decodes it), and every launch from such a version then fails with
   HTTP 500. Versions now keep user data the way CreateLaunchTemplate does.
4. A moto bug fixed: DescribeLaunchTemplates reports a template's tags as a copy taken when the
   template was created, so CreateTags/DeleteTags on the template never show there (they do
   show in DescribeTags and in `tag:` filters). AWS reports the template's current tags; so
   does this.
"""

import copy
import datetime
import math
import sys
import time
import uuid

from moto.autoscaling import models as asg_models
from moto.autoscaling.exceptions import AutoscalingClientError
from moto.autoscaling.responses import AutoScalingResponse
from moto.core.responses import ActionResult
from moto.ec2.models import launch_templates as lt_models
from moto.ec2.responses.launch_templates import LaunchTemplates
from moto.ec2.utils import parse_user_data

ACTIVE = ("Pending", "InProgress", "Cancelling", "Baking", "RollbackInProgress")


# --- which launch template version launched each instance -------------------------------

_original_launch = asg_models.FakeAutoScalingGroup.replace_autoscaling_group_instances


def _current_version(group):
    template = group.ec2_launch_template
    if template is None:
        return None
    return (template.id, template.get_version(group.launch_template_version).number)


def _launch(self, count_needed, propagated_tags):
    before = {s.instance.id for s in self.instance_states}
    _original_launch(self, count_needed, propagated_tags)
    version = _current_version(self)
    for s in self.instance_states:
        if s.instance.id not in before:
            s.instance.poolform_launched_from = version


asg_models.FakeAutoScalingGroup.replace_autoscaling_group_instances = _launch


# --- instance refresh -------------------------------------------------------------------

FAILING_IMAGE_PREFIX = "ami-0bad"


def _configuration(group):
    """What the group launches from, in DesiredConfiguration's shape."""
    if group.mixed_instances_policy:
        return {"MixedInstancesPolicy": copy.deepcopy(group.mixed_instances_policy)}
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
        try:
            group.replace_autoscaling_group_instances(count, group.get_propagated_tags())
        finally:
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
        if self.status not in ("Pending", "InProgress") or time.monotonic() < self.next_step:
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
        """True (and the refresh failed or rolling back) if a new instance fails its health checks."""
        bad = [s.instance.id for s in fresh if (s.instance.image_id or "").startswith(FAILING_IMAGE_PREFIX)]
        if not bad:
            return False
        self.failure = f"instances {', '.join(bad)} failed their health checks."
        if self.auto_rollback and self.desired_configuration:
            self.status = "RollbackInProgress"
            self.reason = "Rolling back: " + self.failure
        else:
            self._finish("Failed", "The instance refresh failed: " + self.failure)
        return True

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
        if r.status in ACTIVE:
            r.status = "Cancelled"
            r.reason = "Cancelled by request."
            r.end = datetime.datetime.now(datetime.timezone.utc)
            return ActionResult({"InstanceRefreshId": r.id})
    raise AutoscalingClientError(
        "ActiveInstanceRefreshNotFound", f"No in progress or pending Instance Refresh found for Auto Scaling group {name}"
    )


AutoScalingResponse.start_instance_refresh = start_instance_refresh
AutoScalingResponse.describe_instance_refreshes = describe_instance_refreshes
AutoScalingResponse.cancel_instance_refresh = cancel_instance_refresh


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


# --- user data of launch template versions ---------------------------------------------

_original_create_version = lt_models.LaunchTemplate.create_version


def _create_version(self, data, description):
    if isinstance(data, dict) and isinstance(data.get("UserData"), (str, bytes)):
        data = dict(data)
        data["UserData"] = parse_user_data(data["UserData"])
    return _original_create_version(self, data, description)


lt_models.LaunchTemplate.create_version = _create_version


# --- current tags of launch templates ---------------------------------------------------

# moto's constructor assigns `self.tags = self.get_tags()` once; the setter swallows that copy.
lt_models.LaunchTemplate.tags = property(
    lambda self: self.get_tags(), lambda self, value: None
)


if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
