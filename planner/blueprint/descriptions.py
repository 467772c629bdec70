"""Descriptions of blueprint fields for the JSON Schema and docs/blueprint.md (editors show them on hover).
Keyed "Model.field" (the $defs name and the property name); a Field(description=...) in schema.py wins."""
from __future__ import annotations

DESCRIPTIONS: dict[str, str] = {
    # ------------------------------------------------------------------------------ top level
    "Blueprint.version": "Blueprint format version; always 1.",
    "Blueprint.description": "Free-text summary of the environment, shown at the top of the report.",
    "Blueprint.provider": ("Cloud the environment runs on: aws or gcp. Keys that make no sense for it are "
                           "errors."),
    "Blueprint.region": "Region everything is placed in, e.g. ap-northeast-2 (AWS) or us-central1 (GCP).",
    "Blueprint.tags": ("Tags (AWS) or labels (GCP) applied to every resource; a resource's own tags are "
                       "added to them. Default: none."),
    "Blueprint.network": ("The VPC (AWS) or VPC network (GCP): address range, zones, NAT and subnets. "
                          "Needed as soon as anything names a subnet."),
    "Blueprint.security_groups": ("AWS security groups (firewall rules on GCP) that resources name. "
                                  "Default: none."),
    "Blueprint.instances": "Groups of identical virtual machines: EC2 (AWS) or Compute Engine (GCP).",
    "Blueprint.databases": "Managed databases: RDS or Aurora (AWS), Cloud SQL (GCP).",
    "Blueprint.buckets": "Object storage buckets: S3 (AWS) or Cloud Storage (GCP).",
    "Blueprint.load_balancers": "Load balancers in front of instances or a cluster's ingress.",
    "Blueprint.clusters": "Kubernetes clusters: EKS (AWS) or GKE (GCP), with their node groups.",
    "Blueprint.workloads": ("Kubernetes workloads placed on one of the clusters; planner writes their "
                            "manifests."),
    "Blueprint.review": "Well-Architected review settings, e.g. rules to skip with a reason.",
    "Blueprint.usage": ("Monthly usage-based charges no resource implies (data transfer, NAT and load "
                        "balancer traffic); omitted ones are shown as 'depends on usage'."),
    "Blueprint.scenarios": "What-if changes priced against this blueprint for ROI; each applies to a copy.",
    # -------------------------------------------------------------------------------- network
    "Network.cidr": ("IPv4 range of the VPC (AWS, /16-/28) or the network's primary range (GCP, /8-/29), "
                     "e.g. 10.0.0.0/16; should be an RFC 1918 private range."),
    "Network.zones": ("Zones to use, as suffixes (a, c) or full names (ap-northeast-2a); at least one. "
                      "Subnets span all of them unless they list their own."),
    "Network.subnets": "Subnets, carved from cidr in declaration order or given explicitly. Default: none.",
    # ------------------------------------------------------------------------ security groups
    "SecurityGroup.description": ("Free-text description of the group (AWS GroupDescription). Default: its "
                                  "name."),
    "SecurityGroup.ingress": ("Inbound rules: what may connect to members of the group. Default: none "
                              "(nothing in)."),
    "Rule.protocol": "IP protocol the rule allows: tcp, udp, icmp or all. Default tcp.",
    "Rule.description": "Free-text note saying what the rule is for.",
    # ------------------------------------------------------------------------------ instances
    "Instance.type": ("EC2 instance type (AWS, e.g. t3.medium) or Compute Engine machine type (GCP, e.g. "
                      "n1-standard-1); must be offered in the subnet's zones."),
    "Instance.subnet": ("Name of a subnet in network.subnets; the instances are spread round-robin over its "
                        "zones."),
    "Instance.security_groups": "Names of security groups (from security_groups) attached to each instance.",
    "Instance.root_volume": ("Boot disk of each instance (size, type, encryption). When omitted, the "
                             "image's default disk is used and not priced."),
    "Instance.volumes": "Extra data volumes (EBS on AWS, persistent disks on GCP) attached to each instance.",
    "Instance.pricing": ("Purchase option to price: on-demand, reserved-1y/3y (no upfront), "
                         "reserved-1y/3y-all-upfront (amortised), savings-plan-1y/3y or spot. Only "
                         "on-demand and spot on GCP."),
    "Instance.hours_per_month": "0-744 hours a month the instance runs (730 = always on). Default 730.",
    "Instance.public_ip": "Give each instance a public IPv4 address. Default false (the review flags true).",
    "Instance.image": ("Machine image to boot: an AMI ID (AWS) or image name (GCP). Recorded only: planner "
                       "neither checks nor prices it."),
    "Instance.tags": "Tags (AWS) or labels (GCP) for these instances, added to the blueprint's tags.",
    "Volume.type": ("Disk type: gp2, gp3, io1, io2, st1, sc1 or standard (EBS, AWS); pd-standard, "
                    "pd-balanced or pd-ssd (GCP). Default gp3, so set it on GCP."),
    "Volume.encrypted": "Encrypt the volume at rest (EBS encryption). Default false (the review flags it).",
    # ------------------------------------------------------------------------------ databases
    "Database.engine": ("Database engine: mysql, postgres, mariadb, aurora-mysql, aurora-postgresql, oracle "
                        "or sqlserver; on GCP (Cloud SQL) only mysql, postgres or sqlserver."),
    "Database.class": ("DB instance class, e.g. db.r6g.large; on AWS it starts with 'db.' and is looked up "
                       "in the RDS catalog."),
    "Database.engine_version": ("Engine version, e.g. '8.0' for MySQL. Default: the engine's default "
                                "version; planner does not check it."),
    "Database.storage_type": ("Storage type: gp2, gp3, io1 or io2 (RDS), or aurora, which Aurora engines "
                              "require. Default gp3; io1 and io2 need iops."),
    "Database.multi_az": ("Run a synchronous standby in a second zone (RDS Multi-AZ), priced as such. "
                          "Default false."),
    "Database.subnet": "Name of a subnet in network.subnets; the DB subnet group spans its zones.",
    "Database.security_groups": "Names of security groups (from security_groups) attached to the database.",
    "Database.encrypted": "Encrypt storage at rest. Default false (the review flags it).",
    "Database.backup_retention_days": ("0-35 days automated backups are kept; 0 turns them off, which read "
                                       "replicas do not allow. Default 1."),
    "Database.publicly_accessible": ("Give the database a publicly resolvable address (RDS). Default false "
                                     "(the review flags true)."),
    "Database.pricing": ("Purchase option to price: on-demand, reserved-1y or reserved-3y (reserved: AWS "
                         "only). Default on-demand."),
    "Database.hours_per_month": ("0-744 hours a month the database and each read replica run (730 = always "
                                 "on). Default 730."),
    # -------------------------------------------------------------------------------- buckets
    "Bucket.name": ("Bucket name, global on the cloud: 3-63 lower-case letters, digits, '.' and '-', "
                    "starting and ending with a letter or digit."),
    "Bucket.storage_class": ("Storage class new objects land in: STANDARD, INTELLIGENT_TIERING, "
                             "STANDARD_IA, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE (S3) or NEARLINE, "
                             "COLDLINE, ARCHIVE (GCS). Default STANDARD."),
    "Bucket.monthly_requests": ("PUT and GET requests a month, to price requests. When omitted, request "
                                "charges show as 'depends on usage'."),
    "Bucket.lifecycle": ("Rules that move objects to colder classes or expire them by age, one action each. "
                         "Default: none."),
    "Bucket.public": "Allow public access; false turns on S3 Block Public Access. Default false.",
    "Bucket.versioning": "Keep every version of each object. Default false (the review flags it).",
    "Bucket.encryption": ("Default server-side encryption: none, sse-s3 (AES-256, S3-managed keys) or "
                          "sse-kms (KMS keys). Default sse-s3."),
    "Bucket.tags": "Tags (AWS) or labels (GCP) for this bucket, added to the blueprint's tags.",
    "LifecycleRule.storage_class": ("Class to move objects to after after_days; only colder than the "
                                    "current one. Give this or expire: true."),
    "LifecycleRule.expire": "true: delete objects after_days after creation. Give this or storage_class.",
    "LifecycleRule.prefix": ("Apply the rule only to object keys starting with this prefix. Default: all "
                             "objects."),
    # ------------------------------------------------------------------------- load balancers
    "LoadBalancer.type": ("application (ALB: HTTP/HTTPS listeners) or network (NLB: TCP/TLS/UDP listeners). "
                          "Default application."),
    "LoadBalancer.subnet": ("Name of a subnet in network.subnets; the load balancer has a node in each of "
                            "its zones."),
    "LoadBalancer.scheme": ("internet-facing (public addresses) or internal (reachable only inside the "
                            "network). Default internet-facing."),
    "LoadBalancer.security_groups": "Names of security groups (from security_groups) on the load balancer.",
    "LoadBalancer.targets": ("Where traffic goes: instance group names, or cluster:NAME for a cluster's "
                             "ingress."),
    "LoadBalancer.listeners": "Ports and protocols the load balancer accepts; one target group per listener.",
    "Listener.port": "1-65535: the port clients connect to on the load balancer.",
    "Listener.protocol": "HTTP or HTTPS (application), TCP, TLS, UDP or TCP_UDP (network). Default HTTP.",
    "Listener.certificate": ("TLS certificate for HTTPS and TLS listeners (required there), e.g. "
                             "acm:shop-cert."),
    # ------------------------------------------------------------------------------- clusters
    "Cluster.kind": "eks (needs provider aws) or gke (needs provider gcp).",
    "Cluster.version": "Kubernetes minor version as a string, e.g. \"1.31\"; must be one EKS or GKE offers.",
    "Cluster.subnet": "Name of the subnet the nodes run in; on EKS it must span at least two zones.",
    "Cluster.endpoint": ("Where the Kubernetes API server is reachable: public, private (inside the "
                         "network) or public-and-private. Default public."),
    "Cluster.public_access_cidrs": ("EKS: CIDR blocks allowed to reach the public API endpoint. Default: "
                                    "any address (the review flags that)."),
    "Cluster.logging": ("EKS control-plane log types sent to CloudWatch: api, audit, authenticator, "
                        "controllerManager, scheduler. Default: none; not on GKE."),
    "Cluster.secrets_encryption": ("EKS: envelope-encrypt Kubernetes Secrets with a KMS key. Default false "
                                   "(the review flags it)."),
    "Cluster.release_channel": ("GKE only: rapid, regular, stable, extended or none (no channel). Default "
                                "regular."),
    "Cluster.node_groups": ("Managed node groups (EKS) or node pools (GKE); GKE sizes are per zone. None on "
                            "an Autopilot cluster."),
    "Cluster.hours_per_month": ("0-744 hours a month the control plane and its nodes are billed (730 = "
                                "always on). Default 730."),
    "NodeGroup.instance_type": ("EC2 instance type (EKS) or machine type (GKE) of the nodes; must be "
                                "offered in the cluster subnet's zones."),
    "NodeGroup.capacity": "on-demand or spot nodes (interruptible, cheaper). Default on-demand.",
    "NodeGroup.labels": ("Kubernetes labels on the nodes; workloads' node_selector matches them. Default: "
                         "none."),
    "NodeGroup.taints": ("Taints on the nodes: only pods that tolerate them are scheduled there. Default: "
                         "none."),
    "Taint.key": "Taint key (for a toleration: the taint key it tolerates), e.g. dedicated.",
    "Taint.value": "Taint value, e.g. web. Default: empty.",
    "Taint.effect": ("NoSchedule, PreferNoSchedule (avoid if possible) or NoExecute (also evicts). Default "
                     "NoSchedule."),
    # ------------------------------------------------------------------------------ workloads
    "Workload.name": ("Kubernetes name (DNS-1123 label) of the controller, its Service and main container; "
                      "unique per namespace of a cluster."),
    "Workload.cluster": "Name of the cluster (from clusters) the workload runs on.",
    "Workload.namespace": ("Kubernetes namespace; planner writes it with a default-deny NetworkPolicy (not "
                           "in the kube-* system namespaces). Default default."),
    "Workload.kind": "Controller: Deployment, StatefulSet, DaemonSet, Job or CronJob. Default Deployment.",
    "Workload.image": ("Container image of the main container, e.g. nginx:1.27; pin a tag or digest, not "
                       "latest."),
    "Workload.command": "Main container's command, replacing the image's ENTRYPOINT. Default: the image's.",
    "Workload.args": "Main container's arguments, replacing the image's CMD. Default: the image's.",
    "Workload.replicas": ("Pods the Deployment or StatefulSet keeps running (0-2147483647). Default 1; with "
                          "autoscale, the starting count."),
    "Workload.ports": ("TCP ports (1-65535) the main container listens on, named p<port>; the first is the "
                       "Service's default port."),
    "Workload.service": "Kubernetes Service in front of the pods. Default: none.",
    "Workload.ingress": ("HTTP(S) Ingress to the workload's Service (ALB on EKS, GCE load balancer on GKE); "
                         "needs a service."),
    "Workload.resources": "CPU and memory requests and limits of the main container.",
    "Workload.probes": "Liveness, readiness and startup health checks of the main container.",
    "Workload.strategy": ("How a Deployment replaces pods: RollingUpdate or Recreate (all stopped first). "
                          "Default RollingUpdate."),
    "Workload.max_surge": ("Rolling update: extra pods allowed above replicas, a number or a percentage "
                           "like '25%' (Deployment only). Default '25%'."),
    "Workload.max_unavailable": ("Rolling update: pods that may be unavailable, a number or a percentage up "
                                 "to '100%' (Deployment only). Default 0."),
    "Workload.autoscale": ("HorizontalPodAutoscaler range and targets; Deployments and StatefulSets only. "
                           "Default: none."),
    "Workload.node_selector": ("Node labels the pods require; some node group of the cluster must have "
                               "them. Default: any node."),
    "Workload.tolerations": ("Taints the pods tolerate, so they may run on tainted node groups. Default: "
                             "none."),
    "Workload.config": ("ConfigMap data (key: value) written as <name>-config; env entries and configMap "
                        "volumes can use it."),
    "Workload.volumes": ("Volumes of the pod, mounted in the main container at their mount_path. Default: "
                         "none."),
    "Workload.sidecars": "Extra containers that run beside the main container in each pod. Default: none.",
    "Workload.init_containers": ("Containers that run to completion, in order, before the main container "
                                 "starts. Default: none."),
    "Workload.lifecycle": "Commands run just after the main container starts and just before it stops.",
    "Workload.restart_policy": ("Always, OnFailure or Never; Jobs and CronJobs only allow OnFailure or "
                                "Never (default OnFailure), other kinds Always."),
    "Workload.service_account": ("ServiceAccount the pods run as; planner writes it. Default: the "
                                 "workload's name when rbac is set, else none (no API token mounted)."),
    "Workload.rbac": ("Role rules granted to the workload's service account in its namespace (Role and "
                      "RoleBinding). Default: none."),
    "Workload.security": ("Container security settings; the defaults run as non-root on a read-only root "
                          "filesystem."),
    "Workload.annotations": ("Kubernetes annotations on the controller object (Deployment, Job, ...). "
                             "Default: none."),
    "Container.name": ("Container name (DNS-1123 label), unique in the pod; the main container has the "
                       "workload's."),
    "Container.image": "Container image, e.g. busybox:1.36; pin a tag or digest, not latest.",
    "Container.command": "Command, replacing the image's ENTRYPOINT. Default: the image's.",
    "Container.args": "Arguments, replacing the image's CMD. Default: the image's.",
    "Container.ports": "TCP ports (1-65535) the container listens on. Default: none.",
    "Container.resources": "CPU and memory requests and limits of this container.",
    "Resources.requests": ("CPU and memory reserved for the container when scheduling; must fit a node of "
                           "the matching node groups."),
    "Resources.limits": "Most CPU and memory the container may use; each at least its request.",
    "ResourceAmounts.cpu": "CPU as a Kubernetes quantity: 250m (a quarter core), 0.5 or 2.",
    "ResourceAmounts.memory": "Memory as a Kubernetes quantity in bytes: 256Mi, 1Gi or 512M.",
    "Probes.liveness": "Restarts the container when this check fails.",
    "Probes.readiness": "Takes the pod out of its Service's endpoints while this check fails.",
    "Probes.startup": "Holds off the liveness and readiness checks until this one first succeeds.",
    "Probe.tcp": "true: the check opens a TCP connection to port. Give exactly one of http, tcp or command.",
    "Probe.command": "Command run in the container; exit status 0 is healthy (an exec probe).",
    "Probe.port": ("Port to check, 1-65535 or a port name (planner names ports p<number>, e.g. p8080); "
                   "required for http and tcp."),
    "Probe.initial_delay_seconds": ("Seconds after the container starts before the first check "
                                    "(0-2147483647). Default 0 (Kubernetes)."),
    "Probe.period_seconds": "Seconds between checks (1-2147483647). Default 10 (Kubernetes).",
    "Probe.timeout_seconds": ("Seconds before a check counts as failed (1-2147483647). Default 1 "
                              "(Kubernetes)."),
    "Probe.failure_threshold": ("Failures in a row before the probe gives up (1-2147483647). Default 3 "
                                "(Kubernetes)."),
    "Service.type": ("ClusterIP (inside the cluster), NodePort, LoadBalancer (a cloud load balancer), "
                     "Headless (no cluster IP) or ExternalName. Default ClusterIP."),
    "Service.port": "1-65535: the port the Service exposes. Default: the workload's first port.",
    "Service.target_port": "1-65535: the container port traffic goes to. Default: the workload's first port.",
    "Service.node_port": ("30000-32767: fixed port on every node, for NodePort and LoadBalancer Services. "
                          "Default: one Kubernetes assigns."),
    "Service.external_name": ("DNS name an ExternalName Service points to, e.g. db.example.com (required "
                              "there)."),
    "Ingress.host": "DNS host name the Ingress answers for, e.g. shop.example.com (a leading *. is allowed).",
    "Ingress.path": "URL path routed to the Service; starts with '/'. Default /.",
    "Ingress.path_type": "How path matches: Prefix, Exact or ImplementationSpecific. Default Prefix.",
    "Ingress.tls_secret": ("Name of the Secret holding the TLS certificate for host; on EKS the ALB then "
                           "listens on 443. Default: plain HTTP."),
    "Ingress.port": ("1-65535: the Service port to route to; must equal the Service's port. Default: that "
                     "port."),
    "Autoscale.min": "Fewest pods the autoscaler keeps (1-2147483647).",
    "Autoscale.max": "Most pods the autoscaler runs (1-2147483647); at least min.",
    "Autoscale.cpu_percent": ("Target average CPU use, 1-100 percent of the pods' requests. Give this or "
                              "memory_percent."),
    "Autoscale.memory_percent": ("Target average memory use, 1-100 percent of the pods' requests. Give this "
                                 "or cpu_percent."),
    "WorkloadVolume.name": ("Volume name (DNS-1123 label) that sidecars and init containers mount by; 'tmp' "
                            "is reserved for /tmp under a read-only root filesystem."),
    "WorkloadVolume.type": ("emptyDir (scratch, gone with the pod), hostPath (a node directory), pvc (a "
                            "persistent disk), configMap or secret."),
    "WorkloadVolume.mount_path": "Absolute path in the container where the volume is mounted, e.g. /data.",
    "WorkloadVolume.read_only": "Mount the volume read-only. Default false.",
    "WorkloadVolume.medium": "emptyDir only: Memory keeps it in RAM (tmpfs). Default: the node's disk.",
    "WorkloadVolume.size": "pvc only (required): storage to request, a Kubernetes quantity like 10Gi.",
    "WorkloadVolume.storage_class": ("pvc: StorageClass of the claim. Default: gp3 (EKS) or pd-balanced "
                                     "(GKE); a StatefulSet's claims use the cluster's default."),
    "WorkloadVolume.access_mode": ("pvc: ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod. "
                                   "Default ReadWriteOnce."),
    "Lifecycle.post_start": ("Command run right after the container starts: a list runs as is, a string "
                             "through sh -c."),
    "Lifecycle.pre_stop": ("Command run before the container is stopped: a list runs as is, a string "
                           "through sh -c."),
    "RbacRule.api_groups": "API groups the rule covers, e.g. apps. Default [\"\"] (the core group).",
    "RbacRule.resources": "Resource types the rule covers, e.g. pods or configmaps.",
    "RbacRule.verbs": "Actions allowed, e.g. get, list, watch.",
    "RbacRule.resource_names": "Only these named objects. Default: every object of the resources.",
    "NetworkAcl.ingress": "Inbound rules, evaluated by rule number. Default: none (a custom ACL denies the rest).",
    "NetworkAcl.egress": ("Outbound rules; the ACL is stateless, so replies need their own rule on 1024-65535. "
                          "Default: none."),
    "AclRule.protocol": "tcp, udp, icmp or all. Default tcp.",
    "AclRule.action": "allow or deny. Default allow.",
    "NamespacePolicy.name": "Namespace the quota and defaults apply to (created even when no workload uses it).",
    "NamespaceQuota.limits_cpu": "Total CPU limit of the namespace's pods (limits.cpu), e.g. 8.",
    "NamespaceQuota.limits_memory": "Total memory limit of the namespace's pods (limits.memory), e.g. 16Gi.",
    "NamespaceDefaults.cpu": "CPU, e.g. 100m (a Kubernetes quantity).",
    "NamespaceDefaults.memory": "Memory, e.g. 128Mi (a Kubernetes quantity).",
    "Workload.affinity": ("Where the pods may run and how they spread: node labels they require, spread over "
                          "zones or nodes, anti-affinity between replicas. Default: spread over zones when "
                          "replicated."),
    "SecurityContext.run_as_root": ("true: the containers may run as root (runAsNonRoot: false); false: they "
                                    "must not (runAsNonRoot: true: the kubelet refuses an image whose user is "
                                    "root). Not set: the image's own user — planner knows common images "
                                    "(catalog/container-images.csv) and otherwise sets nothing, and the review "
                                    "reports a possible root container."),
    "SecurityContext.read_only_root_filesystem": ("Make the containers' root filesystem read-only; planner "
                                                  "mounts a writable /tmp and the paths a known image writes "
                                                  "(nginx: /var/cache/nginx, /var/run). Default true."),
    "SecurityContext.add_capabilities": ("Linux capabilities given back after dropping ALL, e.g. "
                                         "NET_BIND_SERVICE. Default none; a known image that starts as root "
                                         "gets those its entrypoint needs (nginx: CHOWN, NET_BIND_SERVICE, "
                                         "SETGID, SETUID)."),
    "SecurityContext.privileged": ("Run the containers privileged, with privilege escalation allowed. "
                                   "Default false."),
    "SecurityContext.run_as_user": ("UID the pod's processes run as (0-2147483647; above 0 also sets "
                                    "runAsNonRoot: true). Default: the image's user."),
    # ------------------------------------------------------------------------------- the rest
    "Review.skip": "Review rules to skip, each with its id and a reason. Default: none.",
    "Skip.id": "Id of the review rule to skip, e.g. PLN-SEC-003 (see planner review --format json).",
    "Skip.reason": "Why the rule does not apply (required, not empty); the report shows it with the skip.",
    "Scenario.description": "Free-text note on what the scenario changes and why.",
    "Scenario.set": ("Changes to apply, as path: value, e.g. instances.web.type: t3.medium "
                     "(KIND.NAME.FIELD; top-level keys directly). At least one."),
}
