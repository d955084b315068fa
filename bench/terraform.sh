#!/usr/bin/env bash
# Side by side with Terraform (docs/BENCHMARKS.md#side-by-side-with-terraform): the same N AWS
# groups (a launch template and an Auto Scaling group each, desired 1, one zone) under Terraform
# (hashicorp/aws) and under Poolform, each against its own moto server, for each N in NS.
# Records the time and the API calls (request lines in that moto server's log) of
#   apply     create the N groups and wait for their capacity
#   plan      a plan with nothing to change
#   rollout   a new image for every group, carried out by an instance refresh
# Terraform's rollout returns once the refreshes have started (the provider does not wait for
# them); Poolform's apply waits until each has finished, so its rollout does more.
#
# Needs terraform (1.11 here) and a filesystem mirror of the hashicorp/aws provider (tf-plugins,
# found under / at depth 3, or TF_PLUGINS=DIR), python3 with moto 5.2.1. Where terraform or the
# mirror is missing, says so and skips. Usage: NS="100 1000" bench/terraform.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v terraform >/dev/null || { echo "terraform.sh: terraform is not installed; skipped." >&2; exit 0; }
plugins=${TF_PLUGINS:-$(find / -maxdepth 3 -name tf-plugins -type d 2>/dev/null | head -1)}
[[ -n "$plugins" && -d "$plugins/registry.terraform.io/hashicorp/aws" ]] ||
  { echo "terraform.sh: no filesystem mirror of hashicorp/aws (tf-plugins); skipped." >&2; exit 0; }
python3 -c 'import moto.server' 2>/dev/null || { echo "terraform.sh: python3 cannot import moto; skipped." >&2; exit 0; }
aws_version=$(ls "$plugins/registry.terraform.io/hashicorp/aws" | sort -V | tail -1)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/terraformrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$plugins"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct { exclude = ["registry.terraform.io/*/*"] }
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=eu-west-1
./pool version >/dev/null   # builds the jar when needed

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_moto NAME: a moto server on a free port, its request log in $work/NAME.log; sets $port.
start_moto() {
  port=$(free_port)
  python3 testing/moto/src/main/python/poolform_moto.py -H 127.0.0.1 -p "$port" > "$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && return 0
    sleep 0.2
  done
  echo "terraform.sh: moto did not start; see its log:" >&2; cat "$work/$1.log" >&2; exit 1
}

calls() { grep -cE '"(GET|POST|PUT|DELETE) /[^m]' "$work/$1.log" || true; }   # moto-api excluded

# step TOOL LABEL CMD...: runs CMD, prints its time and the calls its moto server saw.
step() {
  local tool=$1 label=$2; shift 2
  local before t0 t1 status=0
  before=$(calls "$tool")
  t0=$(date +%s.%N)
  "$@" > "$work/last.out" 2>&1 || status=$?
  t1=$(date +%s.%N)
  # terraform plan -detailed-exitcode and pool plan --detailed-exitcode: 2 means changes.
  if [[ $status -ne 0 ]]; then echo "$tool $label failed ($status):" >&2; tail -20 "$work/last.out" >&2; exit 1; fi
  printf '| %s | %s | %s | %.1f s | %d |\n' "$n" "$tool" "$label" "$(echo "$t1 - $t0" | bc)" \
    "$(( $(calls "$tool") - before ))"
}

echo "== machine: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "== $(terraform version | head -1), hashicorp/aws $aws_version, $(java -version 2>&1 | head -1), moto $(python3 -c 'import moto; print(moto.__version__)')"
echo "| N | tool | step | time | API calls |"
echo "|---|---|---|---|---|"
for n in ${NS:-100 1000}; do
  echo "   load before N=$n: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # ---- Terraform
  start_moto tf; tf_port=$port
  mkdir -p "$work/tf-$n"
  cat > "$work/tf-$n/main.tf" <<EOF
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "$aws_version" }
  }
}
variable "image" { type = string }
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true
  endpoints {
    autoscaling = "http://127.0.0.1:$tf_port"
    ec2         = "http://127.0.0.1:$tf_port"
    sts         = "http://127.0.0.1:$tf_port"
  }
}
resource "aws_launch_template" "p" {
  count         = $n
  name          = "poolform-p-\${count.index}"
  image_id      = var.image
  instance_type = "t3.micro"
}
resource "aws_autoscaling_group" "p" {
  count              = $n
  name               = "p-\${count.index}"
  min_size           = 1
  max_size           = 3
  desired_capacity   = 1
  availability_zones = ["eu-west-1a"]
  launch_template {
    id      = aws_launch_template.p[count.index].id
    version = aws_launch_template.p[count.index].latest_version
  }
  instance_refresh {
    strategy = "Rolling"
    preferences {
      min_healthy_percentage = 100
      max_healthy_percentage = 200
      instance_warmup        = 0
    }
  }
}
EOF
  (cd "$work/tf-$n" && terraform init -input=false -no-color > "$work/init.out" 2>&1) ||
    { echo "terraform init failed:" >&2; cat "$work/init.out" >&2; exit 1; }
  tf() { (cd "$work/tf-$n" && terraform "$@" -input=false -no-color); }
  step tf apply tf apply -auto-approve -var image=ami-0abcdef1234567890
  step tf plan tf plan -detailed-exitcode -var image=ami-0abcdef1234567890
  step tf rollout tf apply -auto-approve -var image=ami-0fedcba9876543210

  # ---- Poolform
  start_moto pf; pf_port=$port
  mkdir -p "$work/pf-$n"
  write_pool() {
    cat > "$work/pf-$n/main.pool" <<EOF
cloud aws bench {
  region   = "eu-west-1"
  endpoint = "http://127.0.0.1:$pf_port"
}
for i in range($n) {
  pool "p-\${i}" on bench {
    capacity { min = 1  max = 3  desired = 1 }
    machine  { size = "t3.micro"  image = "$1"  zones = ["eu-west-1a"] }
    rollout  { engine = "cloud"  max_surge = 100%  max_unavailable = 0  min_ready = 0s }
  }
}
EOF
  }
  pf() { (cd "$work/pf-$n" && "$root/pool" "$@" main.pool); }
  write_pool ami-0abcdef1234567890
  step pf apply pf apply --auto-approve --parallelism 10
  step pf plan pf plan --detailed-exitcode
  write_pool ami-0fedcba9876543210
  step pf rollout pf apply --auto-approve --parallelism 10
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pids=()
  echo "   load after N=$n: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
