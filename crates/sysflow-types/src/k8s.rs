//! Kubernetes records: pods with their services, and cluster events.
//!
//! Both are part of schema v5 for compatibility; the reference collector never
//! produces pods and only experimentally produces events.

avro_enum! {
    /// The kind of Kubernetes object an event is about: `sysflow.type.K8sComponent`.
    K8sComponent {
        /// Nodes.
        Nodes = "K8S_NODES",
        /// Namespaces.
        Namespaces = "K8S_NAMESPACES",
        /// Pods.
        Pods = "K8S_PODS",
        /// Replication controllers.
        ReplicationControllers = "K8S_REPLICATIONCONTROLLERS",
        /// Services.
        Services = "K8S_SERVICES",
        /// Events.
        Events = "K8S_EVENTS",
        /// Replica sets.
        ReplicaSets = "K8S_REPLICASETS",
        /// Daemon sets.
        DaemonSets = "K8S_DAEMONSETS",
        /// Deployments.
        Deployments = "K8S_DEPLOYMENTS",
        /// Anything else.
        Unknown = "K8S_UNKNOWN",
    }
}

avro_enum! {
    /// What happened to a Kubernetes object: `sysflow.type.K8sAction`.
    K8sAction {
        /// Added.
        Added = "K8S_COMPONENT_ADDED",
        /// Modified.
        Modified = "K8S_COMPONENT_MODIFIED",
        /// Deleted.
        Deleted = "K8S_COMPONENT_DELETED",
        /// An error was reported.
        Error = "K8S_COMPONENT_ERROR",
        /// The object does not exist.
        Nonexistent = "K8S_COMPONENT_NONEXISTENT",
        /// Anything else.
        Unknown = "K8S_COMPONENT_UNKNOWN",
    }
}

/// A port of a service: `sysflow.entity.Port`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Port {
    /// Port number.
    pub port: i32,
    /// Target port on the pods.
    #[doc(alias = "targetPort")]
    pub target_port: i32,
    /// Port on the nodes.
    #[doc(alias = "nodePort")]
    pub node_port: i32,
    /// Protocol name.
    pub proto: String,
}

/// A service a pod belongs to: `sysflow.entity.Service`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Service {
    /// Service name.
    pub name: String,
    /// Service id.
    pub id: String,
    /// Namespace.
    pub namespace: String,
    /// Ports.
    #[doc(alias = "portList")]
    pub port_list: Vec<Port>,
    /// Cluster IP addresses.
    #[doc(alias = "clusterIP")]
    pub cluster_ip: Vec<i64>,
}

/// A Kubernetes pod: `sysflow.entity.Pod`.
///
/// Maps are kept as ordered pairs so that a record decodes and encodes back to
/// the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pod {
    /// Timestamp (ns).
    pub ts: i64,
    /// Pod id.
    pub id: String,
    /// Pod name.
    pub name: String,
    /// Node the pod runs on.
    #[doc(alias = "nodeName")]
    pub node_name: String,
    /// Host IP addresses.
    #[doc(alias = "hostIP")]
    pub host_ip: Vec<i64>,
    /// Pod-internal IP addresses.
    #[doc(alias = "internalIP")]
    pub internal_ip: Vec<i64>,
    /// Namespace.
    pub namespace: String,
    /// Number of restarts.
    #[doc(alias = "restartCount")]
    pub restart_count: i64,
    /// Labels, in encoding order.
    pub labels: Vec<(String, String)>,
    /// Selectors, in encoding order.
    pub selectors: Vec<(String, String)>,
    /// Services.
    pub services: Vec<Service>,
}

/// A Kubernetes event: `sysflow.event.K8sEvent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct K8sEvent {
    /// Kind of object.
    pub kind: K8sComponent,
    /// What happened.
    pub action: K8sAction,
    /// Timestamp (ns).
    pub ts: i64,
    /// Raw event message (JSON).
    pub message: String,
}
